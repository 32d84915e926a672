using System;
using System.Diagnostics;

namespace KernelGen.GpuBenchmarks;

/// <summary>Medians of timed actions, in microseconds.</summary>
internal static class StackTiming
{
    /// <summary>Runs <paramref name="action"/> <paramref name="count"/> times (after two warm-up runs) and returns the median time.</summary>
    public static double Median(int count, Action action, Action? before = null)
    {
        var times = new double[count];
        var clock = new Stopwatch();
        for (int i = -2; i < count; i++)
        {
            before?.Invoke();
            clock.Restart();
            action();
            double elapsed = clock.Elapsed.TotalMicroseconds;
            if (i >= 0)
            {
                times[i] = elapsed;
            }
        }

        Array.Sort(times);
        return times[count / 2];
    }
}
