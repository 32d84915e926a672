using System;

namespace KernelGen;

/// <summary>One row-layer forward pass, handed to <see cref="CpuRowScheduler"/> without a closure over spans.</summary>
internal readonly unsafe struct CpuRowWork
{
    private readonly RowLayer _layer;
    private readonly SimdPath _path;
    private readonly float* _input;
    private readonly int _inputLength;
    private readonly float* _residual;
    private readonly int _residualLength;
    private readonly float* _output;
    private readonly int _outputLength;

    /// <param name="layer">The layer.</param>
    /// <param name="path">The resolved SIMD path.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="inputLength">Their length.</param>
    /// <param name="residual">All residual rows, or null without a residual.</param>
    /// <param name="residualLength">Their length (0 without a residual).</param>
    /// <param name="output">All output rows.</param>
    /// <param name="outputLength">Their length.</param>
    public CpuRowWork(RowLayer layer, SimdPath path, float* input, int inputLength, float* residual, int residualLength, float* output, int outputLength)
    {
        _layer = layer;
        _path = path;
        _input = input;
        _inputLength = inputLength;
        _residual = residual;
        _residualLength = residualLength;
        _output = output;
        _outputLength = outputLength;
    }

    public void Run(int rowStart, int rowEnd) =>
        _layer.ComputeRowsCore(
            _path,
            new ReadOnlySpan<float>(_input, _inputLength),
            new ReadOnlySpan<float>(_residual, _residualLength),
            new Span<float>(_output, _outputLength),
            rowStart,
            rowEnd);
}
