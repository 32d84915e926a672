using System;

namespace KernelGen;

/// <summary>One forward pass, as the tile scheduler sees it: pinned input and output, a path and a layer.</summary>
internal readonly unsafe struct CpuTileWork
{
    private readonly LinearLayer _layer;
    private readonly SimdPath _path;
    private readonly float* _input;
    private readonly int _inputLength;
    private readonly float* _output;
    private readonly int _outputLength;

    public CpuTileWork(LinearLayer layer, SimdPath path, float* input, int inputLength, float* output, int outputLength)
    {
        _layer = layer;
        _path = path;
        _input = input;
        _inputLength = inputLength;
        _output = output;
        _outputLength = outputLength;
    }

    public void Run(int rowStart, int rowEnd, int columnStart, int columnEnd) =>
        _layer.ComputeTileCore(
            _path,
            new ReadOnlySpan<float>(_input, _inputLength),
            new Span<float>(_output, _outputLength),
            rowStart,
            rowEnd,
            columnStart,
            columnEnd);
}
