using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;

namespace ResidualStack;

/// <summary>The stack on a GPU: every block runs on device-resident buffers, without host copies between layers.</summary>
internal sealed class GpuModel : IDisposable
{
    private readonly GpuDevice _device;
    private readonly (GpuRowLayer Ln1, GpuLinearLayer Fc1, GpuLinearLayer Fc2, GpuRowLayer Ln2)[] _blocks;

    public GpuModel(GpuDevice device, Model model)
    {
        _device = device;
        _blocks = Array.ConvertAll(model.Blocks, block => (block.Ln1.ToGpu(device), block.Fc1.ToGpu(device), block.Fc2.ToGpu(device), block.Ln2.ToGpu(device)));
    }

    /// <summary>Runs the stack in place on <paramref name="x"/>; <paramref name="afterBlock"/> sees the device buffer after each block.</summary>
    public void Forward(float[] x, Action<int, MemoryBuffer1D<float, Stride1D.Dense>>? afterBlock = null)
    {
        Accelerator accelerator = _device.Accelerator;
        using MemoryBuffer1D<float, Stride1D.Dense> dx = accelerator.Allocate1D(x);
        using MemoryBuffer1D<float, Stride1D.Dense> t1 = accelerator.Allocate1D<float>(x.Length);
        using MemoryBuffer1D<float, Stride1D.Dense> t2 = accelerator.Allocate1D<float>(x.Length);
        for (int i = 0; i < _blocks.Length; i++)
        {
            (GpuRowLayer ln1, GpuLinearLayer fc1, GpuLinearLayer fc2, GpuRowLayer ln2) = _blocks[i];
            ln1.Forward(dx.View, t1.View);
            fc1.Forward(t1.View, t2.View); // and the GELU
            fc2.Forward(t2.View, t1.View);
            ln2.Forward(t1.View, t1.View);
            GpuElementwise.Add(_device, dx.View, t1.View, dx.View);
            afterBlock?.Invoke(i, dx);
        }

        dx.CopyToCPU(x);
    }

    /// <summary>Runs the stack once with a device synchronization after every kernel and returns the time spent per kind of layer.</summary>
    public (string Kind, double Milliseconds)[] Profile(float[] x)
    {
        Accelerator accelerator = _device.Accelerator;
        using MemoryBuffer1D<float, Stride1D.Dense> dx = accelerator.Allocate1D(x);
        using MemoryBuffer1D<float, Stride1D.Dense> t1 = accelerator.Allocate1D<float>(x.Length);
        using MemoryBuffer1D<float, Stride1D.Dense> t2 = accelerator.Allocate1D<float>(x.Length);
        double norm = 0, linearGelu = 0, linear = 0, add = 0;
        var clock = new System.Diagnostics.Stopwatch();
        double Time(Action step)
        {
            clock.Restart();
            step();
            _device.Synchronize();
            return clock.Elapsed.TotalMilliseconds;
        }

        _device.Synchronize();
        foreach ((GpuRowLayer ln1, GpuLinearLayer fc1, GpuLinearLayer fc2, GpuRowLayer ln2) in _blocks)
        {
            norm += Time(() => ln1.Forward(dx.View, t1.View));
            linearGelu += Time(() => fc1.Forward(t1.View, t2.View));
            linear += Time(() => fc2.Forward(t2.View, t1.View));
            norm += Time(() => ln2.Forward(t1.View, t1.View));
            add += Time(() => GpuElementwise.Add(_device, dx.View, t1.View, dx.View));
        }

        return [("LayerNorm x40", norm), ("Linear+GELU 768x768 x20", linearGelu), ("Linear 768x768 x20", linear), ("residual add x20", add)];
    }

    public void Dispose()
    {
        foreach ((GpuRowLayer ln1, GpuLinearLayer fc1, GpuLinearLayer fc2, GpuRowLayer ln2) in _blocks)
        {
            ln1.Dispose();
            fc1.Dispose();
            fc2.Dispose();
            ln2.Dispose();
        }
    }
}
