using System;

namespace KernelGen;

/// <summary>One row-layer forward pass, handed to <see cref="CpuRowScheduler"/> without a closure over spans.</summary>
internal readonly unsafe struct CpuRowWork
{
    private readonly RowLayer _layer;
    private readonly SimdPath _path;
    private readonly float* _input;
    private readonly int _inputLength;
    private readonly float* _output;
    private readonly int _outputLength;

    public CpuRowWork(RowLayer layer, SimdPath path, float* input, int inputLength, float* output, int outputLength)
    {
        _layer = layer;
        _path = path;
        _input = input;
        _inputLength = inputLength;
        _output = output;
        _outputLength = outputLength;
    }

    public void Run(int rowStart, int rowEnd) =>
        _layer.ComputeRowsCore(
            _path,
            new ReadOnlySpan<float>(_input, _inputLength),
            new Span<float>(_output, _outputLength),
            rowStart,
            rowEnd);
}
