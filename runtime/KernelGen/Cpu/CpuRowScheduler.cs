using System;

namespace KernelGen;

/// <summary>
/// Spreads the rows of a row-wise layer over threads in blocks of whole rows. Each row is computed
/// by one thread from start to end, so the split never changes a bit; it only sets the speed.
/// </summary>
internal static class CpuRowScheduler
{
    /// <summary>A block holds at least this many floats of input and output, so that small rows do not pay a task each.</summary>
    private const int MinimumBlockFloats = 16 * 1024;

    private const int BlocksPerThread = 4;

    public static void Run(int rows, int floatsPerRow, int degreeOfParallelism, CpuRowWork work)
    {
        int minimumRows = Math.Max(1, MinimumBlockFloats / Math.Max(1, floatsPerRow));
        int wanted = Math.Max(1, degreeOfParallelism * BlocksPerThread);
        int rowBlock = Math.Max(minimumRows, (rows + wanted - 1) / wanted);
        CpuWorkers.ForRanges(rows, rowBlock, degreeOfParallelism, work.Run);
    }
}
