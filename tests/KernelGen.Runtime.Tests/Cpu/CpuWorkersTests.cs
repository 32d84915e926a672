using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace KernelGen.Runtime.Tests.Cpu;

/// <summary>
/// <see cref="CpuWorkers"/>: KernelGen's own worker threads run every block of a loop exactly once, and
/// only while the loop runs; failures, concurrent loops and nested loops behave as with Parallel.For.
/// </summary>
public sealed class CpuWorkersTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(2, 2)]
    [InlineData(7, 2)]
    [InlineData(1000, 2)]
    [InlineData(1000, 64)]
    public void For_runs_every_block_exactly_once(int blocks, int degreeOfParallelism)
    {
        int[] runs = new int[blocks];

        CpuWorkers.For(blocks, degreeOfParallelism, block => Interlocked.Increment(ref runs[block]));

        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void For_with_no_blocks_runs_nothing()
    {
        int runs = 0;

        CpuWorkers.For(0, 2, _ => Interlocked.Increment(ref runs));

        Assert.Equal(0, runs);
    }

    [Fact]
    public void For_returns_only_after_every_block_has_finished()
    {
        for (int repeat = 0; repeat < 200; repeat++)
        {
            int finished = 0;

            CpuWorkers.For(8, 2, _ =>
            {
                Thread.SpinWait(2000);
                Interlocked.Increment(ref finished);
            });

            Assert.Equal(8, Volatile.Read(ref finished));
        }
    }

    [Fact]
    public void For_uses_a_second_thread_when_asked_for_two()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("This machine has one processor: there is no worker thread to use.");
        }

        int caller = Environment.CurrentManagedThreadId;
        bool sawWorker = false;
        for (int attempt = 0; attempt < 50 && !sawWorker; attempt++)
        {
            CpuWorkers.For(64, 2, _ =>
            {
                Thread.SpinWait(20_000);
                if (Environment.CurrentManagedThreadId != caller)
                {
                    Volatile.Write(ref sawWorker, true);
                }
            });
        }

        Assert.True(sawWorker, "No block ran outside the calling thread in 50 loops of 64 blocks.");
    }

    [Fact]
    public void For_never_runs_more_threads_than_the_degree_of_parallelism()
    {
        int inside = 0;
        int most = 0;

        CpuWorkers.For(200, 2, _ =>
        {
            int now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            Thread.SpinWait(5000);
            Interlocked.Decrement(ref inside);
        });

        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public void For_rethrows_the_block_exception_and_the_workers_stay_usable()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            CpuWorkers.For(100, 2, block =>
            {
                if (block == 37)
                {
                    throw new InvalidOperationException("block 37 failed");
                }
            }));
        Assert.Equal("block 37 failed", failure.Message);

        int[] runs = new int[100];
        CpuWorkers.For(100, 2, block => Interlocked.Increment(ref runs[block]));
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Concurrent_and_nested_loops_each_run_every_block_once()
    {
        const int Callers = 4;
        const int Blocks = 50;
        int[][] runs = Enumerable.Range(0, Callers).Select(_ => new int[Blocks * Blocks]).ToArray();

        Parallel.For(0, Callers, new ParallelOptions { MaxDegreeOfParallelism = Callers }, caller =>
            CpuWorkers.For(Blocks, 2, outer =>
                CpuWorkers.For(Blocks, 2, inner => Interlocked.Increment(ref runs[caller][(outer * Blocks) + inner]))));

        Assert.All(runs, counts => Assert.All(counts, count => Assert.Equal(1, count)));
    }

    [Fact]
    public void A_loop_after_the_workers_have_gone_to_sleep_still_runs_every_block()
    {
        Thread.Sleep(CpuWorkers.SpinAfterJob * 20);
        int[] runs = new int[16];

        CpuWorkers.For(16, 2, block => Interlocked.Increment(ref runs[block]));

        Assert.All(runs, count => Assert.Equal(1, count));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
