using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// An embedding table on a <see cref="GpuDevice"/>: the same rows, bit for bit, as the CPU layer it was
/// made from. Create it with <see cref="EmbeddingLayer.ToGpu"/>; dispose it before the device.
/// </summary>
/// <remarks>Thread-safe: concurrent <c>Forward</c> calls are serialized on the device.</remarks>
public sealed class GpuEmbeddingLayer : IDisposable
{
    private readonly EmbeddingLayer _layer;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _weight;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>> _kernel;
    private readonly object _gate = new();
    private bool _disposed;

    internal GpuEmbeddingLayer(GpuDevice device, EmbeddingLayer layer)
    {
        Device = device;
        _layer = layer;
        _kernel = device.GetOrLoadKernel(layer.GetType(), layer.LoadGpuKernelCore);
        _weight = device.AllocateCopy(layer.WeightArray, $"the weight of {layer.GetType().Name}");
    }

    /// <summary>The device the table lives on.</summary>
    public GpuDevice Device { get; }

    /// <summary>The length of a row.</summary>
    public int EmbeddingDim => _layer.EmbeddingDim;

    /// <summary>Writes the row of each id to <paramref name="output"/>, on the device. Ids are checked on the host first.</summary>
    /// <exception cref="ArgumentException">The output length does not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the table; nothing is written.</exception>
    public void Forward(ReadOnlySpan<int> ids, Span<float> output)
    {
        _layer.CheckOutput(ids.Length, output.Length);
        _layer.CheckIds(ids);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (ids.Length == 0)
            {
                return;
            }

            using MemoryBuffer1D<int, Stride1D.Dense> deviceIds = Device.Allocate<int>(ids.Length, "the ids");
            using MemoryBuffer1D<float, Stride1D.Dense> deviceOutput = Device.Allocate<float>(output.Length, "the output");
            deviceIds.View.AsContiguous().CopyFromCPU(ids);
            _kernel(output.Length, deviceIds.View, _weight.View, deviceOutput.View);
            deviceOutput.View.AsContiguous().CopyToCPU(output);
            Device.Accelerator.DefaultStream.Synchronize();
        }
    }

    /// <summary>Returns <c>[ids.Length, EmbeddingDim]</c> values: the row of each id.</summary>
    public float[] Forward(ReadOnlySpan<int> ids)
    {
        var output = new float[checked(ids.Length * EmbeddingDim)];
        Forward(ids, output);
        return output;
    }

    /// <summary>
    /// Gathers rows for device-resident ids, queued on the default stream. Ids are not checked on the
    /// host here: an id outside the table gives rows of the canonical NaN, never an out-of-bounds read.
    /// </summary>
    /// <exception cref="ArgumentException">The output length does not match.</exception>
    public void Forward(ArrayView<int> ids, ArrayView<float> output)
    {
        _layer.CheckOutput(ids.Length, output.Length);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (output.Length > 0)
            {
                _kernel((int)output.Length, ids, _weight.View, output);
            }
        }
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
            if (!Device.IsDisposed)
            {
                _weight.Dispose();
            }
        }
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
    }
}
