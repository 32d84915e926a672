using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// A batch normalization whose state lives on a <see cref="GpuDevice"/>, with the CPU layer's semantics
/// and bits. After each <see cref="ForwardTraining"/> the updated running statistics are copied back to
/// the CPU layer it was made from, so both always hold the same state.
/// </summary>
/// <remarks>Thread-safe: concurrent calls are serialized on the device.</remarks>
public sealed class GpuBatchNormLayer : IDisposable
{
    private readonly BatchNormLayer _layer;
    private readonly BatchNormGpuKernels _kernels;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _state;
    private readonly object _gate = new();
    private bool _disposed;

    internal GpuBatchNormLayer(GpuDevice device, BatchNormLayer layer)
    {
        Device = device;
        _layer = layer;
        _kernels = device.GetOrLoadKernel(layer.GetType(), layer.LoadGpuKernelsCore);
        _state = device.AllocateCopy(layer.State, $"the state of {layer.GetType().Name}");
    }

    /// <summary>The device the state lives on.</summary>
    public GpuDevice Device { get; }

    /// <summary>Inference with the running statistics, on the device. Changes nothing.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int spatial) => Run(input, output, batch, spatial, training: false);

    /// <summary>Training on the device; the running statistics are updated there and copied back to the CPU layer.</summary>
    /// <exception cref="InvalidOperationException">A channel has only one value.</exception>
    [BatchStatistics]
    public void ForwardTraining(ReadOnlySpan<float> input, Span<float> output, int batch, int spatial) => Run(input, output, batch, spatial, training: true);

    /// <summary>Inference on device-resident data (<c>batch × C × spatial</c> values, checked by the caller), queued on the default stream.</summary>
    internal void Forward(ArrayView<float> input, ArrayView<float> output, int spatial)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
            if (input.Length > 0)
            {
                _kernels.Normalize((int)input.Length, input, output, _state.View, spatial, 0);
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
                _state.Dispose();
            }
        }
    }

    private void Run(ReadOnlySpan<float> input, Span<float> output, int batch, int spatial, bool training)
    {
        _layer.CheckShape(input.Length, output.Length, batch, spatial);
        if (training)
        {
            _layer.CheckTrainingCount(batch, spatial);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ObjectDisposedException.ThrowIf(Device.IsDisposed, Device);
            if (input.Length == 0)
            {
                return;
            }

            using MemoryBuffer1D<float, Stride1D.Dense> x = Device.Allocate<float>(input.Length, "the input");
            using MemoryBuffer1D<float, Stride1D.Dense> y = Device.Allocate<float>(output.Length, "the output");
            x.View.AsContiguous().CopyFromCPU(input);
            if (training)
            {
                _kernels.Statistics(new KernelConfig(_layer.NumFeatures, CanonicalReduction.Lanes), x.View, _state.View, batch, spatial);
            }

            _kernels.Normalize(input.Length, x.View, y.View, _state.View, spatial, training ? 1 : 0);
            y.View.AsContiguous().CopyToCPU(output);
            if (training)
            {
                _layer.AfterDeviceTraining(_state.GetAsArray1D());
            }

            Device.Synchronize();
        }
    }
}
