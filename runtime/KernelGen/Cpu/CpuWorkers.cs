using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace KernelGen;

/// <summary>
/// KernelGen's own CPU worker threads: the parallel loop of every forward pass runs its blocks on the
/// calling thread and on these. After a job a worker keeps spinning for <see cref="SpinAfterJob"/>
/// before it sleeps, so that the next layer's blocks start at once instead of waiting for a sleeping
/// thread to be woken (measured on the 2-core VM here: the thread pool's second thread ran only 66–88 %
/// of a 3 ms Linear, and its wake-up took over 0.3 ms in one call of ten).
/// </summary>
/// <remarks>
/// <para>Blocks are handed out one at a time from a shared counter, so no thread idles while another
/// has several blocks left. Which thread runs a block never changes a bit: each block computes whole
/// outputs.</para>
/// <para>One job runs at a time on the workers. A loop that starts while another is running (a
/// second user thread calling <c>Forward</c>, or a body that starts a loop) runs on the thread pool
/// instead (<see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>), with the same result.</para>
/// </remarks>
internal static class CpuWorkers
{
    /// <summary>How long an idle worker spins, looking for the next job, before it sleeps.</summary>
    public static readonly TimeSpan SpinAfterJob = TimeSpan.FromMilliseconds(1);

    private static readonly long s_spinTicks = (long)(SpinAfterJob.TotalSeconds * Stopwatch.Frequency);
    private static readonly object s_startLock = new();
    private static readonly SemaphoreSlim s_wake = new(0);

    private static Job? s_current;
    private static long s_generation;
    private static int s_busy;
    private static int s_started;
    private static int s_sleeping;

    /// <summary>
    /// Runs <paramref name="body"/> for every block in [0, <paramref name="blocks"/>) on at most
    /// <paramref name="degreeOfParallelism"/> threads, the calling thread among them, and returns
    /// when every block has finished. The first exception thrown by a block is rethrown here.
    /// </summary>
    public static void For(int blocks, int degreeOfParallelism, Action<int> body)
    {
        int helpers = Math.Min(degreeOfParallelism, blocks) - 1;
        if (helpers <= 0)
        {
            for (int block = 0; block < blocks; block++)
            {
                body(block);
            }

            return;
        }

        if (Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism }, body);
            return;
        }

        try
        {
            EnsureStarted(Math.Min(helpers, Environment.ProcessorCount - 1));
            var job = new Job(++s_generation, blocks, helpers, body);

            // A full fence between posting the job and reading s_sleeping (a worker increments s_sleeping,
            // then looks for a job): either this thread sees the sleeper and wakes it, or the worker sees the job.
            Interlocked.Exchange(ref s_current, job);
            int sleeping = Volatile.Read(ref s_sleeping);
            if (sleeping > 0)
            {
                s_wake.Release(Math.Min(sleeping, helpers));
            }

            job.RunBlocks();
            Volatile.Write(ref s_current, null);
            job.WaitForHelpers();
            job.ThrowIfFailed();
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="items"/>) cut into ranges of
    /// <paramref name="rangeLength"/> items (the last may be shorter) with <see cref="For"/>; on one
    /// thread, or when one range holds every item, as a single call over all of them.
    /// </summary>
    public static void ForRanges(int items, int rangeLength, int degreeOfParallelism, Action<int, int> body)
    {
        int ranges = (items + rangeLength - 1) / rangeLength;
        if (degreeOfParallelism <= 1 || ranges <= 1)
        {
            body(0, items);
            return;
        }

        For(ranges, degreeOfParallelism, range =>
        {
            int start = range * rangeLength;
            body(start, Math.Min(start + rangeLength, items));
        });
    }

    private static void EnsureStarted(int workers)
    {
        if (Volatile.Read(ref s_started) >= workers)
        {
            return;
        }

        lock (s_startLock)
        {
            while (s_started < workers)
            {
                var thread = new Thread(WorkerLoop) { IsBackground = true, Name = $"KernelGen CPU worker {s_started + 1}" };
                thread.Start();
                s_started++;
            }
        }
    }

    private static void WorkerLoop()
    {
        // The generation, not the job: a finished job (and the layer its body holds) must not stay reachable.
        long last = 0;
        while (true)
        {
            Job job = WaitForJob(last);
            if (job.TryJoin())
            {
                job.RunBlocks();
                job.Leave();
            }

            last = job.Generation;
        }
    }

    /// <summary>Spins for a job newer than generation <paramref name="last"/>, then sleeps until one is posted.</summary>
    private static Job WaitForJob(long last)
    {
        var spinner = new SpinWait();
        long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        while (true)
        {
            Job? job = Volatile.Read(ref s_current);
            if (job is not null && job.Generation != last)
            {
                return job;
            }

            if (Stopwatch.GetTimestamp() < deadline)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            Interlocked.Increment(ref s_sleeping);
            job = Volatile.Read(ref s_current);
            if (job is null || job.Generation == last)
            {
                s_wake.Wait();
            }

            Interlocked.Decrement(ref s_sleeping);
            deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        }
    }

    /// <summary>One parallel loop: the next block to hand out, the helpers still inside it, and the first failure.</summary>
    private sealed class Job
    {
        private readonly int _blocks;
        private readonly Action<int> _body;
        private int _next;
        private int _seats;
        private int _running;
        private ExceptionDispatchInfo? _failure;

        /// <summary>The job's number; workers remember the last one they saw.</summary>
        public long Generation { get; }

        public Job(long generation, int blocks, int helpers, Action<int> body)
        {
            Generation = generation;
            _blocks = blocks;
            _seats = helpers;
            _body = body;
        }

        /// <summary>Takes a helper's seat; false when the job already has all the helpers it may use.</summary>
        public bool TryJoin()
        {
            Interlocked.Increment(ref _running);
            if (Interlocked.Decrement(ref _seats) >= 0)
            {
                return true;
            }

            Interlocked.Decrement(ref _running);
            return false;
        }

        public void Leave() => Interlocked.Decrement(ref _running);

        /// <summary>Runs blocks until none is left to hand out.</summary>
        public void RunBlocks()
        {
            int block;
            while ((block = Interlocked.Increment(ref _next) - 1) < _blocks)
            {
                try
                {
                    _body(block);
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
                    Volatile.Write(ref _next, _blocks);
                }
            }
        }

        /// <summary>
        /// Waits until every helper that joined has left. Once the caller's <see cref="RunBlocks"/> has
        /// returned, every block has been handed out, so a helper that joins later runs none.
        /// </summary>
        public void WaitForHelpers()
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _running) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public void ThrowIfFailed() => _failure?.Throw();
    }
}
