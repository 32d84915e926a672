using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// A linear layer whose parameters live on a <see cref="GpuDevice"/>. Gives the same bits as the
/// CPU layer it was made from. Create it with <see cref="LinearLayer.ToGpu"/>; dispose it before
/// the device.
/// </summary>
/// <remarks>Thread-safe: concurrent <c>Forward</c> calls are serialized on the device.</remarks>
public sealed class GpuLinearLayer : IDisposable
{
    private readonly LinearLayer _layer;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _weight;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _bias;
    private readonly ExactGpuLinear? _exact;
    private LinearGpuKernels? _kernels;
    private readonly object _gate = new();
    private readonly HostStaging _staging;
    private bool _disposed;

    internal GpuLinearLayer(GpuDevice device, LinearLayer layer)
    {
        Device = device;
        _layer = layer;
        _staging = new HostStaging(device, layer.GetType().Name);
        if (layer.Arithmetic == KernelArithmetic.Exact)
        {
            _exact = new ExactGpuLinear(device, layer);
            return;
        }

        _kernels = device.GetOrLoadKernel(layer.GetType(), layer.LoadGpuKernelsCore);
        _weight = device.AllocateCopy(layer.PackGpuWeight(), $"the weight of {layer.GetType().Name}");
        try
        {
            _bias = device.AllocateCopy(layer.PackedBiasArray, $"the bias of {layer.GetType().Name}");
        }
        catch
        {
            _weight.Dispose();
            throw;
        }
    }

    /// <summary>The device the parameters live on.</summary>
    public GpuDevice Device { get; }

    /// <summary>The length of an input row.</summary>
    public int InFeatures => _layer.InFeatures;

    /// <summary>
    /// The Bitwise tier's kernels of this layer type, and the rule that picks one per batch. A layer of
    /// <see cref="KernelArithmetic.Exact"/> runs the exact tier's passes instead; reading this loads the Bitwise
    /// kernels all the same (for inspection).
    /// </summary>
    public LinearGpuKernels Kernels => _kernels ??= Device.GetOrLoadKernel(_layer.GetType(), _layer.LoadGpuKernelsCore);

    /// <summary>The arithmetic of the dot products, as declared (<see cref="LinearLayer.Arithmetic"/>).</summary>
    public KernelArithmetic Arithmetic => _layer.Arithmetic;

    /// <summary>The length of an output row.</summary>
    public int OutFeatures => _layer.OutFeatures;

    /// <summary>The element-wise function applied to every output after its bias, or <see langword="null"/> for none (<see cref="LinearLayer.Activation"/>).</summary>
    public ActivationFunction? Activation => _layer.Activation;

    /// <summary>Computes <c>output = input·Wᵀ + b</c>, then <see cref="Activation"/> if any, on the device for every row of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A length does not match the declared shape.</exception>
    /// <exception cref="ObjectDisposedException">This layer or its device was disposed.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int rows = _layer.RowsOf(input, output);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (rows == 0)
            {
                return;
            }

            _staging.Run(input, output, (x, y) => LaunchCore(rows, x, y));
        }
    }

    /// <summary>
    /// Computes <c>output = input·Wᵀ + b</c>, then <see cref="Activation"/> if any, on data already on the device, without copies: the
    /// kernel is queued on the accelerator's default stream and this returns at once. Call
    /// <see cref="GpuDevice.Synchronize"/> (or copy the output to the host) before reading it.
    /// </summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values on this layer's device.</param>
    /// <param name="output">Receives the same number of rows of <see cref="OutFeatures"/> values.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape.</exception>
    /// <exception cref="ObjectDisposedException">This layer or its device was disposed.</exception>
    public void Forward(ArrayView<float> input, ArrayView<float> output)
    {
        long rows = _layer.RowsOf(input.Length, output.Length);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (rows > 0)
            {
                LaunchCore((int)rows, input, output);
            }
        }
    }

    /// <summary>Like <see cref="Forward(ArrayView{float}, ArrayView{float})"/> with <paramref name="tile"/> instead of the chosen kernel (benchmarks time each tile).</summary>
    internal void Forward(ArrayView<float> input, ArrayView<float> output, TiledGpuKernel tile)
    {
        long rows = _layer.RowsOf(input.Length, output.Length);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_exact is not null)
            {
                throw new InvalidOperationException($"{_layer.GetType().Name} uses {ArithmeticVersion.ExactName}, which has no tiled kernels.");
            }

            tile.Launch((int)rows, OutFeatures, input, _weight!.View.AsContiguous(), _bias!.View.AsContiguous(), output);
        }
    }

    /// <summary>Computes the output rows for <paramref name="input"/> into a new array.</summary>
    public float[] Forward(ReadOnlySpan<float> input)
    {
        var output = new float[_layer.OutputLengthFor(input.Length, nameof(input))];
        Forward(input, output);
        return output;
    }

    /// <summary>Applies the layer to the last dimension of <paramref name="input"/>: <c>(…, InFeatures)</c> → <c>(…, OutFeatures)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        Tensor output = new(_layer.OutputShapeFor(input));
        Forward(input.Span, output.Span);
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
            _weight?.Dispose();
            _bias?.Dispose();
            _exact?.Dispose();
        }
    }

    private void LaunchCore(int rows, ArrayView<float> input, ArrayView<float> output)
    {
        if (_exact is not null)
        {
            _exact.Launch(rows, input, output);
        }
        else
        {
            _kernels!.Launch(rows, OutFeatures, input, _weight!.View.AsContiguous(), _bias!.View.AsContiguous(), output);
        }
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
    }
}
