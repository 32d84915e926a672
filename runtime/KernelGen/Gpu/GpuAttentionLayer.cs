using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// An attention layer on a <see cref="GpuDevice"/>: the same bits as <see cref="AttentionLayer"/> on the
/// CPU. Create it with <see cref="AttentionLayer.ToGpu"/>; dispose it before the device.
/// </summary>
/// <remarks>Thread-safe: concurrent calls are serialized on the device.</remarks>
public sealed class GpuAttentionLayer : IDisposable
{
    private readonly AttentionLayer _layer;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, AttentionShape> _kernel;
    private readonly object _gate = new();
    private bool _disposed;

    internal GpuAttentionLayer(GpuDevice device, AttentionLayer layer)
    {
        Device = device;
        _layer = layer;
        _kernel = device.GetOrLoadKernel(layer.GetType(), layer.LoadGpuKernelCore);
    }

    /// <summary>The device the layer runs on.</summary>
    public GpuDevice Device { get; }

    /// <summary>As <see cref="AttentionLayer.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, bool, ReadOnlySpan{int}, CpuExecutionOptions?)"/>, on the device (host data copied in and out).</summary>
    public void Forward(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, Span<float> output, int batch, int sequence, bool causal, ReadOnlySpan<int> validLengths = default)
    {
        int[] valid = _layer.CheckForward(q.Length, k.Length, v.Length, output.Length, batch, sequence, validLengths);
        Launch(q, k, v, output, valid, new AttentionShape(batch, sequence, sequence, 0, causal ? 1 : 0));
    }

    /// <summary>As <see cref="AttentionLayer.Decode"/>, on the device (the cache copied in).</summary>
    public void Decode(ReadOnlySpan<float> q, KvCache cache, Span<float> output)
    {
        _layer.CheckDecode(q.Length, cache, output.Length);
        Launch(q, cache.Keys, cache.Values, output, [cache.Length], new AttentionShape(1, 1, cache.Length, cache.Length - 1, 1));
    }

    /// <summary>
    /// As <see cref="AttentionLayer.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, bool, ReadOnlySpan{int}, CpuExecutionOptions?)"/> on device-resident data, queued on the default stream without
    /// waiting (valid lengths are read on the device and must lie in [0, sequence]). The probabilities' scratch
    /// comes from the device's <see cref="TensorPool"/>.
    /// </summary>
    public void Forward(ArrayView<float> q, ArrayView<float> k, ArrayView<float> v, ArrayView<float> output, int batch, int sequence, bool causal, ArrayView<int> validLengths)
    {
        _layer.CheckForward(q.Length, k.Length, v.Length, output.Length, batch, sequence, default);
        if (validLengths.Length != batch)
        {
            throw new ArgumentException($"validLengths has {validLengths.Length} values; it needs one per sequence: {batch}.", nameof(validLengths));
        }

        Launch(q, k, v, output, validLengths, new AttentionShape(batch, sequence, sequence, 0, causal ? 1 : 0));
    }

    /// <summary>As the device-resident <c>Forward</c> with valid lengths checked on the host and copied into pooled device memory.</summary>
    internal void Forward(ArrayView<float> q, ArrayView<float> k, ArrayView<float> v, ArrayView<float> output, int batch, int sequence, bool causal, int[] validLengths)
    {
        using var valid = new PooledScratch(Device, validLengths.Length, "the valid lengths");
        ArrayView<int> deviceValid = valid.Ints(validLengths.Length);
        deviceValid.CopyFromCPU(Device.Accelerator.DefaultStream, validLengths);
        Launch(q, k, v, output, deviceValid, new AttentionShape(batch, sequence, sequence, 0, causal ? 1 : 0));
    }

    /// <summary>Nothing to free beyond the device's kernel cache. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private void Launch(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, Span<float> output, int[] valid, AttentionShape shape)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            int items = shape.Batch * shape.Queries * _layer.Heads;
            if (items == 0)
            {
                return;
            }

            using MemoryBuffer1D<float, Stride1D.Dense> dq = Device.Allocate<float>(q.Length, "the queries");
            using MemoryBuffer1D<float, Stride1D.Dense> dk = Device.Allocate<float>(k.Length, "the keys");
            using MemoryBuffer1D<float, Stride1D.Dense> dv = Device.Allocate<float>(v.Length, "the values");
            using MemoryBuffer1D<float, Stride1D.Dense> dout = Device.Allocate<float>(output.Length, "the output");
            using MemoryBuffer1D<int, Stride1D.Dense> dvalid = Device.Allocate<int>(valid.Length, "the valid lengths");
            using var probabilities = new PooledScratch(Device, (long)items * Math.Max(1, shape.Keys), "the attention probabilities");
            dq.View.AsContiguous().CopyFromCPU(q);
            dk.View.AsContiguous().CopyFromCPU(k);
            dv.View.AsContiguous().CopyFromCPU(v);
            dvalid.View.AsContiguous().CopyFromCPU(valid);
            _kernel(new KernelConfig(AttentionKernels.Groups(shape, _layer.Heads), AttentionKernels.GroupSize), dq.View, dk.View, dv.View, dout.View, dvalid.View, probabilities.Floats, shape);
            dout.View.AsContiguous().CopyToCPU(output);
            Device.Synchronize();
        }
    }

    private void Launch(ArrayView<float> q, ArrayView<float> k, ArrayView<float> v, ArrayView<float> output, ArrayView<int> validLengths, AttentionShape shape)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            int items = shape.Batch * shape.Queries * _layer.Heads;
            if (items == 0)
            {
                return;
            }

            using var probabilities = new PooledScratch(Device, (long)items * Math.Max(1, shape.Keys), "the attention probabilities");
            _kernel(new KernelConfig(AttentionKernels.Groups(shape, _layer.Heads), AttentionKernels.GroupSize), q, k, v, output, validLengths, probabilities.Floats, shape);
        }
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
    }
}
