using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The base of every generated linear layer (<see cref="LinearAttribute"/>): it owns the
/// parameters, checks arguments and schedules work; the generated subclass supplies the kernels
/// specialized to the declared shape.
/// </summary>
/// <remarks>
/// <para>Every output is <c>acc = 0; for k ascending: acc = fma(x[k], W[j, k], acc)</c>, then the
/// bias added once, then the declared <see cref="Activation"/>, if any. Threads and SIMD lanes run
/// over rows and output columns, never over k, so an output's bits do not depend on the batch, the
/// row's position, the thread count, the vector width or the device.</para>
/// <para>A layer declared with <c>Arithmetic = KernelArithmetic.Exact</c> computes each dot product in
/// <c>KG-Exact-1</c> instead (<see cref="Arithmetic"/>): exact integer slice products rounded once, then the same
/// bias and activation; its value does not depend on any schedule either.</para>
/// <para>Concurrent <c>Forward</c> calls on one layer are safe. Changing parameters while a
/// forward pass runs is not.</para>
/// </remarks>
public abstract class LinearLayer : Module
{
    /// <summary>The GPU's packed weight's row stride is a multiple of this many columns.</summary>
    public const int ColumnAlignment = 32;

    /// <summary>
    /// The CPU-packed weight and the packed bias cover <see cref="OutFeatures"/> rounded up to this many
    /// columns: a multiple of every CPU register tile's width (Vector512's 12 × 32 tile is the widest main tile), so
    /// that a partial tile at the right edge reads zeros, never past the arrays.
    /// </summary>
    public const int CpuColumnAlignment = 64;

    /// <summary>Columns per panel of <see cref="CpuPackedWeight"/>.</summary>
    public const int CpuPanelWidth = 16;

    /// <summary>
    /// The k of one pass of the generated CPU kernels: they run k in passes of this many, ascending, and
    /// <see cref="CpuPackedWeight"/> holds each pass's panels together.
    /// </summary>
    public const int CpuPassLength = 256;

    private readonly float[] _weight;
    private readonly float[] _bias;
    private readonly float[] _packedBias;
    private readonly object _packGate = new();
    private CacheAlignedBuffer? _cpuPackedWeight;
    private volatile bool _cpuPackedCurrent;
    private bool _cpuOperandsScaled; // the CPU panels hold w·2⁻²⁴ (CpuOperandScaling); set with them, under _packGate
    private readonly DeviceCopy<GpuLinearLayer> _deviceCopy;
    private volatile ExactWeights? _exactWeights;

    /// <summary>Creates a layer without an activation, with all parameters zero. Called by the generated constructor.</summary>
    /// <param name="inFeatures">The declared input row length.</param>
    /// <param name="outFeatures">The declared output row length.</param>
    /// <param name="hasBias">Whether the layer declares a bias.</param>
    protected LinearLayer(int inFeatures, int outFeatures, bool hasBias)
        : this(inFeatures, outFeatures, hasBias, activation: null)
    {
    }

    /// <summary>Creates a layer with all parameters zero. Called by the generated constructor.</summary>
    /// <param name="inFeatures">The declared input row length.</param>
    /// <param name="outFeatures">The declared output row length.</param>
    /// <param name="hasBias">Whether the layer declares a bias.</param>
    /// <param name="activation">The declared activation, applied by the generated kernels; <see langword="null"/> for none.</param>
    protected LinearLayer(int inFeatures, int outFeatures, bool hasBias, ActivationFunction? activation)
        : this(inFeatures, outFeatures, hasBias, activation, KernelArithmetic.Bitwise)
    {
    }

    /// <summary>Creates a layer of the declared arithmetic with all parameters zero. Called by the generated constructor.</summary>
    /// <param name="inFeatures">The declared input row length.</param>
    /// <param name="outFeatures">The declared output row length.</param>
    /// <param name="hasBias">Whether the layer declares a bias.</param>
    /// <param name="activation">The declared activation, applied after the bias; <see langword="null"/> for none.</param>
    /// <param name="arithmetic">The declared arithmetic of the dot products (<see cref="LinearAttribute.Arithmetic"/>).</param>
    protected LinearLayer(int inFeatures, int outFeatures, bool hasBias, ActivationFunction? activation, KernelArithmetic arithmetic)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        if (activation is { } function && !Enum.IsDefined(function))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), function, "Not a member of ActivationFunction.");
        }

        if (!Enum.IsDefined(arithmetic))
        {
            throw new ArgumentOutOfRangeException(nameof(arithmetic), arithmetic, "Not a member of KernelArithmetic.");
        }

        if (arithmetic == KernelArithmetic.Exact && inFeatures > ExactArithmetic.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(inFeatures), inFeatures, $"KG-Exact-1 is defined for input rows of at most {ExactArithmetic.MaxLength} values.");
        }

        Arithmetic = arithmetic;

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        HasBias = hasBias;
        Activation = activation;
        Shape = new RowShape(GetType().Name, nameof(InFeatures), inFeatures, outFeatures, allowInPlace: false);
        PackedStride = PackedStrideFor(outFeatures);
        _weight = new float[checked(outFeatures * inFeatures)];
        _bias = hasBias ? new float[outFeatures] : [];
        _packedBias = new float[RoundUp(outFeatures, CpuColumnAlignment)];
        _deviceCopy = new(device => new GpuLinearLayer(device, this));
    }

    /// <summary>The length of an input row.</summary>
    public int InFeatures { get; }

    /// <summary>The length of an output row.</summary>
    public int OutFeatures { get; }

    /// <summary>Whether a bias is added after the dot product.</summary>
    public bool HasBias { get; }

    /// <summary>
    /// The element-wise function applied to every output after its bias (<see cref="LinearAttribute.Activation"/>),
    /// or <see langword="null"/> when the layer declares none. The outputs are exactly those of the layer without
    /// it followed by an <see cref="ActivationAttribute"/> layer of this function.
    /// </summary>
    public ActivationFunction? Activation { get; }

    /// <summary>
    /// The arithmetic of the dot products, declared with <see cref="LinearAttribute.Arithmetic"/>:
    /// <see cref="KernelArithmetic.Bitwise"/> (<c>KG-Bitwise-1</c>) or <see cref="KernelArithmetic.Exact"/>
    /// (<c>KG-Exact-1</c>). The same on every device.
    /// </summary>
    public KernelArithmetic Arithmetic { get; }

    /// <summary>The name of the arithmetic version this layer's outputs follow (<see cref="ArithmeticVersion.NameOf"/>).</summary>
    public string ArithmeticName => ArithmeticVersion.NameOf(Arithmetic);

    /// <summary>The weight, <c>[OutFeatures, InFeatures]</c> row-major (PyTorch's layout).</summary>
    public ReadOnlySpan<float> Weight => _weight;

    /// <summary>The bias, <c>[OutFeatures]</c>; empty when <see cref="HasBias"/> is false.</summary>
    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>
    /// The row stride of the GPU's packed weight (<c>[InFeatures, PackedStride]</c>, zero-padded: element
    /// (k, j) is <c>W[j, k]</c>): <see cref="OutFeatures"/> rounded up to <see cref="ColumnAlignment"/>.
    /// Only generated code uses it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected int PackedStride { get; }

    /// <summary>
    /// The bias zero-padded to <see cref="OutFeatures"/> rounded up to <see cref="CpuColumnAlignment"/>
    /// values (at least <see cref="PackedStride"/>; all zero when there is no bias).
    /// Only generated code uses it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ReadOnlySpan<float> PackedBias => _packedBias;

    /// <summary>
    /// The weight in column panels for the CPU kernels, pass by pass: for each pass of <see cref="CpuPassLength"/> k
    /// (the last one shorter), panel p holds columns [<see cref="CpuPanelWidth"/>·p, <see cref="CpuPanelWidth"/>·(p + 1))
    /// as <c>[pass k, CpuPanelWidth]</c>, k-major, and the pass's panels follow one another, so that a register tile reads
    /// its weights for one k from adjacent memory and the whole pass as one forward stream. The panels cover
    /// <see cref="OutFeatures"/> rounded up to <see cref="CpuColumnAlignment"/> (C columns), zero-padded: element (k, j)
    /// of the pass starting at k₀ with length L is <c>W[j, k]</c> at <c>k₀·C + (j / 16)·L·16 + (k − k₀)·16 + j % 16</c>,
    /// times 2⁻²⁴ when the layer scales its operands (the input rows then reach <see cref="ComputeTile"/> times 2²⁴:
    /// the same products exactly; docs/cpu-kernels.md). Only generated code uses it.
    /// </summary>
    /// <remarks>The panels start on a 64-byte cache line, so no vector load of a weight row straddles two lines.</remarks>
    /// <remarks>Packed on first use (the first CPU forward pass), so a layer that only runs on a GPU never holds it.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ReadOnlySpan<float> CpuPackedWeight => EnsureCpuPacked().Span;

    /// <summary>Whether the CPU panels are packed and current (tests check that a GPU-only layer never packs them).</summary>
    internal bool IsCpuPacked => _cpuPackedCurrent;

    internal float[] PackedBiasArray => _packedBias;

    /// <summary>The packed stride for a layer with <paramref name="outFeatures"/> outputs.</summary>
    public static int PackedStrideFor(int outFeatures) => RoundUp(outFeatures, ColumnAlignment);

    /// <summary>Sets the weight and the bias.</summary>
    /// <param name="weight"><c>[OutFeatures, InFeatures]</c> values, row-major.</param>
    /// <param name="bias"><c>[OutFeatures]</c> values; must be empty when the layer has no bias.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape, or (<see cref="KernelArithmetic.Exact"/> only) a weight is NaN or infinite.</exception>
    public void SetParameters(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias)
    {
        if (weight.Length != _weight.Length)
        {
            throw new ArgumentException(
                $"weight has {weight.Length} values; a {GetType().Name} needs [{OutFeatures}, {InFeatures}] = {_weight.Length}.", nameof(weight));
        }

        if (bias.Length != _bias.Length)
        {
            throw new ArgumentException(
                HasBias
                    ? $"bias has {bias.Length} values; a {GetType().Name} needs [{OutFeatures}] = {OutFeatures}."
                    : $"bias has {bias.Length} values, but {GetType().Name} is declared without a bias (Bias = false): pass an empty span.",
                nameof(bias));
        }

        if (Arithmetic == KernelArithmetic.Exact && ExactWeights.FirstNonFinite(weight) is int index and >= 0)
        {
            throw new ArgumentException(
                $"weight[{index}] (row {index / InFeatures}, column {index % InFeatures}) is {weight[index].ToString(System.Globalization.CultureInfo.InvariantCulture)}; " +
                $"{GetType().Name} uses {ArithmeticVersion.ExactName}, whose weights must be finite.",
                nameof(weight));
        }

        weight.CopyTo(_weight);
        bias.CopyTo(_bias);
        OnStateChanged();
    }

    /// <summary>
    /// Initializes the parameters like PyTorch's <c>nn.Linear</c> (uniform in ±1/√InFeatures),
    /// from a <see cref="PhiloxRandom"/> keyed by <paramref name="seed"/>: stream 0 draws the
    /// weight in row-major order, stream 1 the bias.
    /// </summary>
    public void InitializeUniform(ulong seed)
    {
        float bound = 1f / MathF.Sqrt(InFeatures); // sqrt and division are correctly rounded
        new PhiloxRandom(seed, stream: 0).Fill(_weight, -bound, bound);
        new PhiloxRandom(seed, stream: 1).Fill(_bias, -bound, bound);
        OnStateChanged();
    }

    /// <summary>
    /// Computes <c>output = input·Wᵀ + b</c> for every row of <paramref name="input"/>, followed by
    /// <see cref="Activation"/> when the layer declares one.
    /// </summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values, row-major; its length must be a multiple of <see cref="InFeatures"/>.</param>
    /// <param name="output">Receives the same number of rows of <see cref="OutFeatures"/> values.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape.</exception>
    public unsafe void Forward(ReadOnlySpan<float> input, Span<float> output, CpuExecutionOptions? options = null)
    {
        int rows = RowsOf(input, output);
        if (rows == 0)
        {
            return;
        }

        options ??= CpuExecutionOptions.Default;
        SimdPath path = SimdPaths.Resolve(options.SimdPath);
        if (Arithmetic == KernelArithmetic.Exact)
        {
            ExactLinearCpu.Forward(this, EnsureExactWeights(), input, output, rows, path, options.EffectiveDegreeOfParallelism);
            return;
        }

        EnsureCpuPacked(); // once, before the workers start
        fixed (float* inputPointer = input)
        fixed (float* outputPointer = output)
        {
            var work = new CpuTileWork(this, path, inputPointer, input.Length, outputPointer, output.Length);
            CpuTileScheduler.Run(rows, InFeatures, OutFeatures, path, options.EffectiveDegreeOfParallelism, work);
        }
    }

    /// <summary>Computes the output rows for <paramref name="input"/> into a new array.</summary>
    public float[] Forward(ReadOnlySpan<float> input, CpuExecutionOptions? options = null)
    {
        var output = new float[OutputLengthFor(input.Length, nameof(input))];
        Forward(input, output, options);
        return output;
    }

    /// <summary>
    /// Applies the layer to the last dimension of <paramref name="input"/>, on the device it lives on: a tensor
    /// of shape <c>(…, InFeatures)</c> gives one of shape <c>(…, OutFeatures)</c> on the same device (owned by the
    /// current <see cref="TensorScope"/>, if any), with the same bits on every device. On a GPU the parameters
    /// are uploaded on first use (or by <c>To(gpu)</c>) and the kernel is queued without waiting.
    /// </summary>
    /// <param name="input">The input rows.</param>
    /// <param name="options">Threads and SIMD path of the CPU kernels; they never change the bits (unused on a GPU).</param>
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>.</exception>
    /// <exception cref="ObjectDisposedException">The input or its device was disposed.</exception>
    public Tensor Forward(Tensor input, CpuExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        GpuDevice? gpu = input.Gpu;
        Tensor output = Tensor.Allocate(input.Device, OutputShapeFor(input));
        if (gpu is null)
        {
            Forward(input.Span, output.Span, options);
        }
        else
        {
            _deviceCopy.On(gpu).Forward(input.View, output.View);
        }

        return output;
    }

    /// <summary>Copies the parameters to <paramref name="device"/> and returns the layer that runs there.</summary>
    /// <remarks>The device copy is a snapshot: later <see cref="SetParameters"/> calls do not reach it.</remarks>
    public GpuLinearLayer ToGpu(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new GpuLinearLayer(device, this);
    }

    /// <summary>
    /// Computes the outputs of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and
    /// columns [<paramref name="columnStart"/>, <paramref name="columnEnd"/>) on <paramref name="path"/>.
    /// <paramref name="columnStart"/> is a multiple of <see cref="CpuColumnAlignment"/>. The block is sized
    /// for the caches; every output in it runs its whole chain, k = 0..InFeatures-1, in one call.
    /// Only generated code implements it.
    /// </summary>
    /// <param name="path">A concrete, supported SIMD path.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows.</param>
    /// <param name="rowStart">First row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="columnStart">First output column.</param>
    /// <param name="columnEnd">One past the last output column.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void ComputeTile(
        SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd, int columnStart, int columnEnd);

    /// <summary>Loads the generated GPU kernels on <paramref name="accelerator"/> (CudaMath on CUDA, CpuMath elsewhere). Only generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract LinearGpuKernels LoadGpuKernels(Accelerator accelerator);

    /// <summary>
    /// Copies the first <paramref name="width"/> columns of <paramref name="rows"/> staged rows into
    /// <paramref name="output"/> at (<paramref name="row"/>, <paramref name="column"/>). Generated
    /// kernels compute a partial column tile into a staging buffer and copy it out with this.
    /// Only generated code calls it.
    /// </summary>
    /// <param name="staging">The staged tile.</param>
    /// <param name="stagingStride">The row stride of <paramref name="staging"/>.</param>
    /// <param name="output">All output rows.</param>
    /// <param name="outputStride">The row stride of <paramref name="output"/> (OutFeatures).</param>
    /// <param name="row">The first output row of the tile.</param>
    /// <param name="rows">The rows in the tile.</param>
    /// <param name="column">The first output column of the tile.</param>
    /// <param name="width">The valid columns of the tile.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static void CopyTile(
        ReadOnlySpan<float> staging, int stagingStride, Span<float> output, int outputStride, int row, int rows, int column, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            staging.Slice(r * stagingStride, width).CopyTo(output.Slice(((row + r) * outputStride) + column, width));
        }
    }

    /// <summary>
    /// Applies <typeparamref name="TFunction"/> in place to the outputs of <paramref name="rows"/> rows from
    /// (<paramref name="row"/>, <paramref name="column"/>), <paramref name="width"/> columns each: the epilogue of a
    /// declared <see cref="Activation"/>, which generated kernels run on each row tile's outputs in a block once the
    /// last pass has finished them, while they are in L1. Each value is the one the layer without an activation stores, and the function
    /// runs through the <see cref="ActivationAttribute"/> layer's own span driver (vector DetMath on
    /// <paramref name="path"/>, the scalar bits on every path), so the result is that layer's.
    /// Only generated code calls it.
    /// </summary>
    /// <typeparam name="TFunction">The declared function (with <see cref="CpuMath"/>).</typeparam>
    /// <param name="path">The SIMD path of the calling kernel; every path gives the same bits.</param>
    /// <param name="output">All output rows.</param>
    /// <param name="outputStride">The row stride of <paramref name="output"/> (OutFeatures).</param>
    /// <param name="row">The first output row of the tile.</param>
    /// <param name="rows">The rows in the tile.</param>
    /// <param name="column">The first output column of the tile.</param>
    /// <param name="width">The valid columns of the tile.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per function, not one inlined into every tile of every driver
    protected static void ActivateTile<TFunction>(SimdPath path, Span<float> output, int outputStride, int row, int rows, int column, int width)
        where TFunction : struct, IElementFunction
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> values = output.Slice(((row + r) * outputStride) + column, width);
            ActivationKernels.Apply<TFunction>(path, values, values);
        }
    }

    /// <inheritdoc/>
    internal override void CollectState(List<StateSlot> slots)
    {
        slots.Add(StateSlot.Float(this, "weight", _weight, isBuffer: false, OutFeatures, InFeatures));
        if (HasBias)
        {
            slots.Add(StateSlot.Float(this, "bias", _bias, isBuffer: false, OutFeatures));
        }
    }

    /// <inheritdoc/>
    internal override void OnStateChanged()
    {
        Array.Clear(_packedBias);
        _bias.CopyTo(_packedBias, 0);
        _cpuPackedCurrent = false; // packed again on the next CPU forward
        _exactWeights = null; // sliced again on the next forward
        _deviceCopy.Release(); // uploaded again on the next GPU forward
    }

    /// <summary>
    /// The weight packed for the GPU kernels, <c>[InFeatures, PackedStride]</c> (element (k, j) is <c>W[j, k]</c>,
    /// zero-padded): a transient host array, made only while uploading to a device.
    /// </summary>
    internal float[] PackGpuWeight()
    {
        var packed = new float[checked(InFeatures * PackedStride)];
        for (int j = 0; j < OutFeatures; j++)
        {
            for (int k = 0; k < InFeatures; k++)
            {
                packed[(k * PackedStride) + j] = _weight[(j * InFeatures) + k];
            }
        }

        return packed;
    }

    /// <inheritdoc/>
    internal override void OnDeviceChanged(IReadOnlyList<Device> devices) => _deviceCopy.MoveTo(devices);

    internal LinearGpuKernels LoadGpuKernelsCore(Accelerator accelerator) => LoadGpuKernels(accelerator);

    /// <summary>Whether the CPU panels hold the exactly scaled weight (<see cref="CpuOperandScaling"/>); tests read it.</summary>
    internal bool CpuOperandsScaled => _cpuOperandsScaled;

    /// <summary>
    /// Runs the generated kernel on one block. With scaled panels, the block's input rows go to the kernel
    /// multiplied by 2²⁴ (exact: every product, so every chain, is unchanged), in passes of at most
    /// <see cref="CpuOperandScaling.RowsPerPass"/> rows; a pass with an input too large to scale (finite
    /// |x| ≥ 2¹⁰⁴) runs the canonical chain on the unscaled weight instead.
    /// </summary>
    internal void ComputeTileCore(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        if (!_cpuOperandsScaled)
        {
            ComputeTile(path, input, output, rowStart, rowEnd, columnStart, columnEnd);
            return;
        }

        int rowsPerPass = CpuOperandScaling.RowsPerPass(InFeatures);
        for (int start = rowStart; start < rowEnd; start += rowsPerPass)
        {
            int end = Math.Min(rowEnd, start + rowsPerPass);
            int rows = end - start;
            Span<float> scaled = CpuOperandScaling.Rows(rows * InFeatures);
            if (CpuOperandScaling.TryScaleUp(input.Slice(start * InFeatures, rows * InFeatures), scaled))
            {
                ComputeTile(path, scaled, output.Slice(start * OutFeatures), 0, rows, columnStart, columnEnd);
            }
            else
            {
                ComputeCanonicalChains(path, input, output, start, end, columnStart, columnEnd);
            }
        }
    }

    /// <summary>
    /// The canonical arithmetic written out (docs/arithmetic.md): one FMA chain per output over the unscaled
    /// weight, k ascending, the bias added once, NaN canonicalized, then the declared activation: the bits of
    /// the generated kernels, for the blocks they cannot take scaled.
    /// </summary>
    private void ComputeCanonicalChains(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        for (int row = rowStart; row < rowEnd; row++)
        {
            ReadOnlySpan<float> x = input.Slice(row * InFeatures, InFeatures);
            Span<float> y = output.Slice((row * OutFeatures) + columnStart, columnEnd - columnStart);
            for (int j = columnStart; j < columnEnd; j++)
            {
                ReadOnlySpan<float> w = _weight.AsSpan(j * InFeatures, InFeatures);
                float acc = 0f;
                for (int k = 0; k < w.Length; k++)
                {
                    acc = DetMath.Fma(x[k], w[k], acc);
                }

                y[j - columnStart] = DetMath.CanonicalizeNaN(HasBias ? acc + _bias[j] : acc);
            }

            if (Activation is { } function)
            {
                ActivationKernels.Apply(path, function, y);
            }
        }
    }

    internal RowShape Shape { get; }

    internal int RowsOf(ReadOnlySpan<float> input, ReadOnlySpan<float> output) => Shape.RowsOf(input, output);

    /// <summary>The rows of a device-resident input and output, checked as <see cref="RowsOf(ReadOnlySpan{float}, ReadOnlySpan{float})"/> checks spans.</summary>
    internal long RowsOf(long inputLength, long outputLength) => Shape.RowsOf(inputLength, outputLength);

    internal int OutputLengthFor(int inputLength, string paramName) => Shape.OutputLengthFor(inputLength, paramName);

    internal int[] OutputShapeFor(Tensor input) => Shape.OutputShapeFor(input);

    /// <summary>
    /// The weight quantized and sliced for <see cref="KernelArithmetic.Exact"/>, made once after each parameter change
    /// (CPU and GPU both start from it).
    /// </summary>
    /// <exception cref="InvalidOperationException">A weight loaded through the module's state is NaN or infinite.</exception>
    internal ExactWeights EnsureExactWeights()
    {
        ExactWeights? weights = _exactWeights;
        if (weights is not null)
        {
            return weights;
        }

        lock (_packGate)
        {
            if (_exactWeights is null)
            {
                if (ExactWeights.FirstNonFinite(_weight) is int index and >= 0)
                {
                    throw new InvalidOperationException(
                        $"weight[{index}] (row {index / InFeatures}, column {index % InFeatures}) of {GetType().Name} is " +
                        $"{_weight[index].ToString(System.Globalization.CultureInfo.InvariantCulture)}; {ArithmeticVersion.ExactName} needs finite weights.");
                }

                _exactWeights = ExactWeights.Create(_weight, OutFeatures, InFeatures);
            }

            return _exactWeights;
        }
    }

    private static int RoundUp(int columns, int multiple) => checked((columns + multiple - 1) / multiple * multiple);

    private CacheAlignedBuffer EnsureCpuPacked()
    {
        if (_cpuPackedCurrent)
        {
            return _cpuPackedWeight!;
        }

        lock (_packGate)
        {
            if (!_cpuPackedCurrent)
            {
                _cpuPackedWeight ??= new CacheAlignedBuffer(checked(InFeatures * _packedBias.Length));
                PackCpuPanels(_cpuPackedWeight.Span);
                _cpuPackedCurrent = true;
            }

            return _cpuPackedWeight!;
        }
    }

    private void PackCpuPanels(Span<float> packed)
    {
        _cpuOperandsScaled = CpuOperandScaling.CanScaleWeights(_weight);
        float factor = _cpuOperandsScaled ? CpuOperandScaling.Down : 1f; // exact: CanScaleWeights checked every weight
        packed.Clear();
        int columns = _packedBias.Length;
        for (int passStart = 0; passStart < InFeatures; passStart += CpuPassLength)
        {
            int passLength = Math.Min(CpuPassLength, InFeatures - passStart);
            Span<float> pass = packed.Slice(passStart * columns, passLength * columns);
            for (int j = 0; j < OutFeatures; j++)
            {
                int panelStart = (j / CpuPanelWidth * passLength * CpuPanelWidth) + (j % CpuPanelWidth);
                ReadOnlySpan<float> row = _weight.AsSpan((j * InFeatures) + passStart, passLength);
                for (int k = 0; k < passLength; k++)
                {
                    pass[panelStart + (k * CpuPanelWidth)] = row[k] * factor;
                }
            }
        }
    }
}
