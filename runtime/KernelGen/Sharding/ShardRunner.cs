using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace KernelGen;

/// <summary>
/// Runs one piece of work per device at the same time, each on its own thread with its accelerator bound there, and
/// waits for all of them. No value is combined across pieces: each writes its own slot, so the order in which they
/// finish changes nothing.
/// </summary>
internal static class ShardRunner
{
    /// <summary>
    /// Runs every job and waits for all. When some fail, the exception of the first failed job in list order is
    /// rethrown (whichever finished first), so the same input gives the same error.
    /// </summary>
    public static void Run(IReadOnlyList<(Device Device, Action Work)> jobs)
    {
        if (jobs.Count == 1)
        {
            RunOne(jobs[0].Device, jobs[0].Work);
            return;
        }

        var tasks = new Task[jobs.Count];
        for (int i = 0; i < jobs.Count; i++)
        {
            (Device device, Action work) = jobs[i];
            tasks[i] = Task.Run(() => RunOne(device, work));
        }

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            foreach (Task task in tasks)
            {
                if (task.Exception is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure.InnerException ?? failure);
                }
            }

            throw;
        }
    }

    private static void RunOne(Device device, Action work)
    {
        if (device is GpuDevice gpu)
        {
            gpu.Accelerator.Bind(); // a CUDA context is current per thread; each device's work runs on its own
        }

        work();
    }
}
