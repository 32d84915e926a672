using System;
using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;

namespace KernelGen.GpuBenchmarks;

/// <summary>The cost of launching an empty kernel through ILGPU: queued back to back, and launched then waited for.</summary>
internal static class LaunchCost
{
    /// <summary>Microseconds per launch when queued (host submission rate), and the median launch + synchronize.</summary>
    public static (double QueuedMicroseconds, double RoundTripMicroseconds) Measure(GpuDevice gpu)
    {
        Action<KernelConfig, ArrayView<float>, int> empty = gpu.Accelerator.LoadStreamKernel<ArrayView<float>, int>(Empty);
        using MemoryBuffer1D<float, Stride1D.Dense> buffer = gpu.Accelerator.Allocate1D<float>(32);
        var config = new KernelConfig(256, 128);
        for (int i = 0; i < 100; i++)
        {
            empty(config, buffer.View, 0);
        }

        gpu.Synchronize();
        const int Queued = 5000;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Queued; i++)
        {
            empty(config, buffer.View, 0);
        }

        gpu.Synchronize();
        double queued = clock.Elapsed.TotalMicroseconds / Queued;
        double roundTrip = StackTiming.Median(1000, () =>
        {
            empty(config, buffer.View, 0);
            gpu.Synchronize();
        });
        return (queued, roundTrip);
    }

    private static void Empty(ArrayView<float> buffer, int flag)
    {
        if (flag != 0)
        {
            buffer[Grid.GlobalIndex.X] = 0f; // never taken: keeps the parameters alive
        }
    }
}
