using System;
using System.Collections.Generic;
using System.ComponentModel;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The base of generated layers that map each input row to one output row on its own
/// (normalizations, activations, softmax): it owns the parameters, checks arguments and spreads
/// rows over threads; the generated subclass supplies the kernels specialized to the declared shape.
/// </summary>
/// <remarks>
/// <para>A row's output depends only on that row and the parameters: threads split the batch into
/// blocks of whole rows, and every reduction inside a row is the canonical 32-lane one
/// (<see cref="CanonicalReduction"/>), so the bits do not depend on the batch, the row's position,
/// the thread count, the vector width or the device.</para>
/// <para>Layers whose input and output rows have the same length may run in place: pass the same
/// memory as input and output. Concurrent <c>Forward</c> calls are safe; changing parameters
/// while one runs is not.</para>
/// </remarks>
public abstract class RowLayer : Module
{
    private readonly float[] _parameters;
    private readonly DeviceCopy<GpuRowLayer> _deviceCopy;

    /// <summary>Creates the layer with <paramref name="parameterCount"/> parameters, all zero.</summary>
    /// <param name="inFeatures">The input row length.</param>
    /// <param name="outFeatures">The output row length.</param>
    /// <param name="parameterCount">How many floats the layer's parameters take, all kinds together.</param>
    /// <param name="allowInPlace">Whether a row's outputs may overwrite its inputs (element i read before output i is written, and nothing else read after).</param>
    private protected RowLayer(int inFeatures, int outFeatures, int parameterCount, bool allowInPlace = true)
    {
        Shape = new RowShape(GetType().Name, inFeatures == outFeatures ? "Features" : nameof(InFeatures), inFeatures, outFeatures, allowInPlace);
        _parameters = new float[parameterCount];
        _deviceCopy = new(device => new GpuRowLayer(device, this));
    }

    /// <summary>The length of an input row.</summary>
    public int InFeatures => Shape.InFeatures;

    /// <summary>The length of an output row.</summary>
    public int OutFeatures => Shape.OutFeatures;

    /// <summary>Every parameter, in the layer's documented order; the generated kernels read them from here. Only generated code uses it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ReadOnlySpan<float> Parameters => _parameters;

    internal float[] ParameterArray => _parameters;

    internal RowShape Shape { get; }

    /// <summary>Computes the output of every row of <paramref name="input"/>.</summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values, row-major.</param>
    /// <param name="output">Receives the same number of rows of <see cref="OutFeatures"/> values; may be the same memory as <paramref name="input"/> when the lengths match.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape, the output partly overlaps the input, or the layer is declared with a residual add (<see cref="NormLayer.Residual"/>).</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, CpuExecutionOptions? options = null)
    {
        ResidualChecks.CheckNotDeclared(this);
        Run(input, default, output, options);
    }

    /// <summary>Computes the output rows for <paramref name="input"/> into a new array.</summary>
    public float[] Forward(ReadOnlySpan<float> input, CpuExecutionOptions? options = null)
    {
        var output = new float[Shape.OutputLengthFor(input.Length, nameof(input))];
        Forward(input, output, options);
        return output;
    }

    /// <summary>
    /// Applies the layer to the last dimension of <paramref name="input"/>, on the device it lives on:
    /// <c>(…, InFeatures)</c> → <c>(…, OutFeatures)</c> on the same device (owned by the current
    /// <see cref="TensorScope"/>, if any), with the same bits on every device. On a GPU the parameters are
    /// uploaded on first use (or by <c>To(gpu)</c>) and the kernel is queued without waiting.
    /// </summary>
    /// <param name="input">The input rows.</param>
    /// <param name="options">Threads and SIMD path of the CPU kernels; they never change the bits (unused on a GPU).</param>
    /// <exception cref="ArgumentException">The input's last dimension does not match, or the layer is declared with a residual add.</exception>
    /// <exception cref="ObjectDisposedException">The input or its device was disposed.</exception>
    public Tensor Forward(Tensor input, CpuExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ResidualChecks.CheckNotDeclared(this);
        GpuDevice? gpu = input.Gpu;
        Tensor output = Tensor.Allocate(input.Device, Shape.OutputShapeFor(input));
        if (gpu is null)
        {
            Forward(input.Span, output.Span, options);
        }
        else
        {
            DeviceCopyOn(gpu).Forward(input.View, output.View);
        }

        return output;
    }

    /// <summary>Copies the parameters to <paramref name="device"/> and returns the layer that runs there.</summary>
    /// <remarks>The device copy is a snapshot: later parameter changes do not reach it.</remarks>
    public GpuRowLayer ToGpu(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new GpuRowLayer(device, this);
    }

    /// <summary>Checks the spans (the residual is checked by the caller) and spreads the rows over threads.</summary>
    private protected unsafe void Run(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, CpuExecutionOptions? options)
    {
        int rows = Shape.RowsOf(input, output);
        if (rows == 0)
        {
            return;
        }

        options ??= CpuExecutionOptions.Default;
        SimdPath path = SimdPaths.Resolve(options.SimdPath);
        fixed (float* inputPointer = input)
        fixed (float* residualPointer = residual)
        fixed (float* outputPointer = output)
        {
            var work = new CpuRowWork(this, path, inputPointer, input.Length, residualPointer, residual.Length, outputPointer, output.Length);
            CpuRowScheduler.Run(rows, InFeatures + OutFeatures + (residual.IsEmpty ? 0 : InFeatures), options.EffectiveDegreeOfParallelism, work);
        }
    }

    /// <summary>Replaces the parameters in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="values"/>.Length).</summary>
    private protected void SetParameterRange(int start, ReadOnlySpan<float> values)
    {
        values.CopyTo(_parameters.AsSpan(start));
        OnStateChanged();
    }

    /// <summary>The layer's parameters on <paramref name="device"/>, uploaded on first use.</summary>
    private protected GpuRowLayer DeviceCopyOn(GpuDevice device) => _deviceCopy.On(device);

    /// <summary>A state-dict slot over parameters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    private protected StateSlot ParameterSlot(string name, int start, int length, params int[] shape) =>
        StateSlot.Float(this, name, _parameters.AsMemory(start, length), isBuffer: false, shape);

    /// <inheritdoc/>
    internal override void OnStateChanged() => _deviceCopy.Release();

    /// <inheritdoc/>
    internal override void OnDeviceChanged(IReadOnlyList<Device> devices) => _deviceCopy.MoveTo(devices);

    /// <summary>
    /// Computes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU. When the
    /// layer runs in place <paramref name="input"/> and <paramref name="output"/> are the same memory,
    /// so a row's outputs must be written only after the row has been read. Every
    /// <paramref name="path"/> gives the same bits.
    /// Only generated code implements it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void ComputeRows(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd);

    /// <summary>Loads the generated GPU kernel on <paramref name="accelerator"/> (CudaMath on CUDA, CpuMath elsewhere). Only generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract RowGpuKernel LoadGpuKernel(Accelerator accelerator);

    internal RowGpuKernel LoadGpuKernelCore(Accelerator accelerator) => LoadGpuKernel(accelerator);

    /// <summary>Warps the GPU kernel gives each row (<see cref="RowWarps"/>): one, for the canonical reductions of a row.</summary>
    internal virtual int GpuWarpsPerRow => 1;

    /// <summary>Whether and where the layer adds a residual row; only normalization layers declare one.</summary>
    internal virtual ResidualAdd ResidualMode => ResidualAdd.None;

    /// <summary>Computes rows on the CPU; <paramref name="residual"/> is empty unless the layer declares a residual add.</summary>
    internal virtual void ComputeRowsCore(SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, int rowStart, int rowEnd) =>
        ComputeRows(path, input, output, rowStart, rowEnd);
}
