using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>A batched matrix product on a <see cref="GpuDevice"/>, with the CPU layer's bits. Create it with <see cref="MatMulLayer.ToGpu"/>.</summary>
public sealed class GpuMatMulLayer : IDisposable
{
    private readonly MatMulLayer _layer;
    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _kernel;
    private readonly object _gate = new();
    private bool _disposed;

    internal GpuMatMulLayer(GpuDevice device, MatMulLayer layer)
    {
        Device = device;
        _layer = layer;
        _kernel = device.GetOrLoadKernel(layer.GetType(), layer.LoadGpuKernelCore);
    }

    /// <summary>The device it runs on.</summary>
    public GpuDevice Device { get; }

    /// <summary>As <see cref="MatMulLayer.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, CpuExecutionOptions?)"/>, on the device (host data copied in and out).</summary>
    public void Forward(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int batch, int m)
    {
        _layer.Check(a.Length, b.Length, c.Length, batch, m);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (c.Length == 0)
            {
                return;
            }

            using MemoryBuffer1D<float, Stride1D.Dense> da = Device.Allocate<float>(a.Length, "a");
            using MemoryBuffer1D<float, Stride1D.Dense> db = Device.Allocate<float>(b.Length, "b");
            using MemoryBuffer1D<float, Stride1D.Dense> dc = Device.Allocate<float>(c.Length, "c");
            da.View.AsContiguous().CopyFromCPU(a);
            db.View.AsContiguous().CopyFromCPU(b);
            Launch(da.View, db.View, dc.View, batch, m);
            dc.View.AsContiguous().CopyToCPU(c);
            Device.Synchronize();
        }
    }

    /// <summary>As <see cref="MatMulLayer.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, CpuExecutionOptions?)"/> on device-resident data, queued on the default stream.</summary>
    public void Forward(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int batch, int m)
    {
        _layer.Check(a.Length, b.Length, c.Length, batch, m);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (c.Length > 0)
            {
                Launch(a, b, c, batch, m);
            }
        }
    }

    /// <summary>Nothing to free beyond the device's kernel cache. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    /// <summary>One thread per output: columns × (batch · m) rows.</summary>
    private void Launch(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int batch, int m) =>
        _kernel(new Index2D(_layer.Columns, batch * m), a, b, c, m);

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
    }
}
