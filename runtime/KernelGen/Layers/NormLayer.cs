using System;
using System.ComponentModel;

namespace KernelGen;

/// <summary>
/// The base of <see cref="LayerNormLayer"/> and <see cref="RmsNormLayer"/>: a row normalization,
/// optionally fused with a residual add declared on its attribute (<see cref="Residual"/>).
/// </summary>
/// <remarks>
/// A layer declared with <see cref="ResidualAdd.AfterNorm"/> or <see cref="ResidualAdd.BeforeNorm"/> is
/// called with the residual rows, <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, CpuExecutionOptions?)"/>;
/// one declared without is called as any row layer, <see cref="RowLayer.Forward(ReadOnlySpan{float}, Span{float}, CpuExecutionOptions?)"/>.
/// The fused pass gives exactly the bits of the separate steps (see <see cref="ResidualAdd"/>).
/// </remarks>
public abstract class NormLayer : RowLayer
{
    private protected NormLayer(int features, int parameterCount, ResidualAdd residual)
        : base(features, features, parameterCount)
    {
        if (!Enum.IsDefined(residual))
        {
            throw new ArgumentOutOfRangeException(nameof(residual), residual, "Residual must be a named member of ResidualAdd.");
        }

        Residual = residual;
    }

    /// <summary>The row length.</summary>
    public int Features => InFeatures;

    /// <summary>Whether and where the layer adds a residual row, as declared.</summary>
    public ResidualAdd Residual { get; }

    internal override ResidualAdd ResidualMode => Residual;

    /// <summary>Computes every row with its residual row: <c>residual + Norm(input)</c> or <c>Norm(input + residual)</c>, as declared.</summary>
    /// <param name="input">Rows of <see cref="Features"/> values, row-major.</param>
    /// <param name="residual">As many values as <paramref name="input"/>.</param>
    /// <param name="output">As many values as <paramref name="input"/>; may be the same memory as <paramref name="input"/> or <paramref name="residual"/>.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">The layer is declared without a residual add, a length does not match, or the output partly overlaps an input.</exception>
    public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, CpuExecutionOptions? options = null)
    {
        ResidualChecks.CheckDeclared(this, residual.Length, input.Length);
        ResidualChecks.CheckOverlap(residual, output);
        Run(input, residual, output, options);
    }

    /// <summary>
    /// Applies the layer with a residual to the last dimension of <paramref name="input"/>, on the device both
    /// live on (<see cref="RowLayer.Forward(Tensor, CpuExecutionOptions?)"/>); <paramref name="residual"/> has the same shape.
    /// </summary>
    /// <exception cref="ArgumentException">The layer is declared without a residual add, a shape does not match, or the tensors live on different devices.</exception>
    /// <exception cref="ObjectDisposedException">A tensor or its device was disposed.</exception>
    public Tensor Forward(Tensor input, Tensor residual, CpuExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(residual);
        ResidualChecks.CheckShape(input, residual);
        GpuDevice? gpu = input.Gpu;
        residual.ThrowIfDisposed();
        Tensor.CheckSameDevice(input.Device, residual, nameof(residual));
        Tensor output = Tensor.Allocate(input.Device, Shape.OutputShapeFor(input));
        if (gpu is null)
        {
            Forward(input.Span, residual.Span, output.Span, options);
        }
        else
        {
            DeviceCopyOn(gpu).Forward(input.View, residual.View, output.View);
        }

        return output;
    }

    /// <summary>
    /// Computes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU with their residual
    /// rows (<paramref name="residual"/> is empty when the layer declares none). <paramref name="output"/> may
    /// be the same memory as <paramref name="input"/> or <paramref name="residual"/>. Every
    /// <paramref name="path"/> gives the same bits.
    /// Only generated code implements it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void ComputeRows(SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, int rowStart, int rowEnd);

    /// <inheritdoc/>
    protected sealed override void ComputeRows(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd) =>
        ComputeRows(path, input, ReadOnlySpan<float>.Empty, output, rowStart, rowEnd);

    internal override void ComputeRowsCore(SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, int rowStart, int rowEnd) =>
        ComputeRows(path, input, residual, output, rowStart, rowEnd);
}
