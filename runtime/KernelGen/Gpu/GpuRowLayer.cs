using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// A row-wise layer (<see cref="RowLayer"/>) whose parameters live on a <see cref="GpuDevice"/>. Gives
/// the same bits as the CPU layer it was made from. Create it with <see cref="RowLayer.ToGpu"/>;
/// dispose it before the device. A normalization declared with a residual add (<see cref="NormLayer.Residual"/>)
/// is called with the residual rows, as on the CPU.
/// </summary>
/// <remarks>Thread-safe: concurrent <c>Forward</c> calls are serialized on the device.</remarks>
public sealed class GpuRowLayer : IDisposable
{
    private readonly RowLayer _layer;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _parameters;
    private readonly RowGpuKernel _kernel;
    private readonly object _gate = new();
    private readonly HostStaging _staging;
    private bool _disposed;

    internal GpuRowLayer(GpuDevice device, RowLayer layer)
    {
        Device = device;
        _layer = layer;
        _kernel = device.GetOrLoadKernel(layer.GetType(), layer.LoadGpuKernelCore);
        _staging = new HostStaging(device, layer.GetType().Name);

        // A layer without parameters still passes a valid view: one unused float.
        float[] parameters = layer.ParameterArray.Length == 0 ? [0f] : layer.ParameterArray;
        _parameters = device.AllocateCopy(parameters, $"the parameters of {layer.GetType().Name}");
    }

    /// <summary>The device the parameters live on.</summary>
    public GpuDevice Device { get; }

    /// <summary>The length of an input row.</summary>
    public int InFeatures => _layer.InFeatures;

    /// <summary>The length of an output row.</summary>
    public int OutFeatures => _layer.OutFeatures;

    /// <summary>Computes the output of every row of <paramref name="input"/> on the device.</summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values, row-major.</param>
    /// <param name="output">Receives the same number of rows of <see cref="OutFeatures"/> values; may be the same memory as <paramref name="input"/> when the lengths match.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape, or the layer is declared with a residual add.</exception>
    /// <exception cref="ObjectDisposedException">This layer or its device was disposed.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        ResidualChecks.CheckNotDeclared(_layer);
        int rows = _layer.Shape.RowsOf(input, output);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (rows == 0)
            {
                return;
            }

            _staging.Run(input, output, (x, y) => _kernel.Launch(rows, _layer.GpuWarpsPerRow, x, x, _parameters.View.AsContiguous(), y));
        }
    }

    /// <summary>Computes every row with its residual row, as the layer declares (<see cref="NormLayer.Residual"/>).</summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values, row-major.</param>
    /// <param name="residual">As many values as <paramref name="input"/>.</param>
    /// <param name="output">As many values as <paramref name="input"/>; may be the same memory as <paramref name="input"/> or <paramref name="residual"/>.</param>
    /// <exception cref="ArgumentException">The layer declares no residual add, a length does not match, or the output partly overlaps an input.</exception>
    /// <exception cref="ObjectDisposedException">This layer or its device was disposed.</exception>
    public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output)
    {
        ResidualChecks.CheckDeclared(_layer, residual.Length, input.Length);
        ResidualChecks.CheckOverlap(residual, output);
        int rows = _layer.Shape.RowsOf(input, output);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (rows == 0)
            {
                return;
            }

            _staging.Run(input, residual, output, (x, r, y) => _kernel.Launch(rows, _layer.GpuWarpsPerRow, x, r, _parameters.View.AsContiguous(), y));
        }
    }

    /// <summary>
    /// Computes the output rows on data already on the device, without copies: the kernel is queued
    /// on the accelerator's default stream and this returns at once. Call
    /// <see cref="GpuDevice.Synchronize"/> (or copy the output to the host) before reading it.
    /// </summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values on this layer's device.</param>
    /// <param name="output">Receives the same number of rows of <see cref="OutFeatures"/> values; may be <paramref name="input"/> itself when the lengths match.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape, or the layer is declared with a residual add.</exception>
    /// <exception cref="ObjectDisposedException">This layer or its device was disposed.</exception>
    public void Forward(ArrayView<float> input, ArrayView<float> output)
    {
        ResidualChecks.CheckNotDeclared(_layer);
        Launch(input, input, output);
    }

    /// <summary>
    /// Computes every row with its residual row on data already on the device, without copies (queued on the
    /// default stream, as <see cref="Forward(ArrayView{float}, ArrayView{float})"/>).
    /// </summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values on this layer's device.</param>
    /// <param name="residual">As many values as <paramref name="input"/>, on this layer's device.</param>
    /// <param name="output">As many values as <paramref name="input"/>; may be <paramref name="input"/> or <paramref name="residual"/> itself.</param>
    /// <exception cref="ArgumentException">The layer declares no residual add, or a length does not match.</exception>
    /// <exception cref="ObjectDisposedException">This layer or its device was disposed.</exception>
    public void Forward(ArrayView<float> input, ArrayView<float> residual, ArrayView<float> output)
    {
        ResidualChecks.CheckDeclared(_layer, residual.Length, input.Length);
        Launch(input, residual, output);
    }

    /// <summary>Computes the output rows for <paramref name="input"/> into a new array.</summary>
    public float[] Forward(ReadOnlySpan<float> input)
    {
        var output = new float[_layer.Shape.OutputLengthFor(input.Length, nameof(input))];
        Forward(input, output);
        return output;
    }

    /// <summary>Applies the layer to the last dimension of <paramref name="input"/>: <c>(…, InFeatures)</c> → <c>(…, OutFeatures)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        Tensor output = new(_layer.Shape.OutputShapeFor(input));
        Forward(input.Span, output.Span);
        return output;
    }

    /// <summary>Applies the layer with a residual to the last dimension of <paramref name="input"/>; <paramref name="residual"/> has the same shape.</summary>
    public Tensor Forward(Tensor input, Tensor residual)
    {
        ResidualChecks.CheckShape(input, residual);
        Tensor output = new(_layer.Shape.OutputShapeFor(input));
        Forward(input.Span, residual.Span, output.Span);
        return output;
    }

    /// <summary>Frees the device memory. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (Device.IsDisposed)
            {
                return; // the accelerator freed every buffer it owned
            }

            _staging.Dispose();
            _parameters.Dispose();
        }
    }

    private void Launch(ArrayView<float> input, ArrayView<float> residual, ArrayView<float> output)
    {
        long rows = _layer.Shape.RowsOf(input.Length, output.Length);
        if (rows > int.MaxValue)
        {
            throw new ArgumentException($"input has {rows} rows; a GPU launch takes at most {int.MaxValue}.", nameof(input));
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            if (rows > 0)
            {
                _kernel.Launch((int)rows, _layer.GpuWarpsPerRow, input, residual, _parameters.View.AsContiguous(), output);
            }
        }
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
    }
}
