using System;

namespace KernelGen;

/// <summary>
/// Splits the (rows × output columns) space of a forward pass into cache-sized blocks and runs them
/// on KernelGen's worker threads (<see cref="CpuWorkers"/>). A block computes complete outputs, each
/// over its whole dot product: blocks never split k, and no output is shared between threads, so the
/// result is the same for any thread count and any block size.
/// </summary>
internal static class CpuTileScheduler
{
    /// <summary>Rows per block: a multiple of every generated row tile (12 on Vector512; 6, 4, 2, 1), halved down to <see cref="MinimumRowBlock"/> to feed every thread.</summary>
    public const int RowBlock = 96;

    /// <summary>The smallest row block: one 12-row tile of the Vector512 path, two 6-row tiles of the others.</summary>
    public const int MinimumRowBlock = 12;

    /// <summary>
    /// The weight bytes a block's columns take in one pass (<c>4·min(K, <see cref="LinearLayer.CpuPassLength"/>)</c>
    /// per column) when the L2 size is known: half of it, so that the input rows and the outputs fit beside them.
    /// </summary>
    public const int WeightBlockShareOfL2 = 2;

    /// <summary>The smallest weight block, whatever the L2 says.</summary>
    public const int MinimumWeightBlockBytes = 128 * 1024;

    /// <summary>The largest weight block, whatever the L2 says.</summary>
    public const int MaximumWeightBlockBytes = 1024 * 1024;

    /// <summary>
    /// The weight block when the L2 size is not known, on the 256- and 128-bit paths: half of a 512 KiB
    /// L2 (AVX2 processors have 256 KiB to 2 MiB).
    /// </summary>
    public const int DefaultWeightBlockBytes = 256 * 1024;

    /// <summary>
    /// The same on the Vector512 path: processors with AVX-512 have 1 to 2 MiB of L2 per core.
    /// </summary>
    public const int DefaultVector512WeightBlockBytes = 512 * 1024;

    /// <summary>A lone row's columns are a multiple of this: the widest one-row tile (8 × Vector512).</summary>
    public const int WideColumns = 128;

    /// <summary>
    /// A second thread runs only for at least this many multiply-adds per thread of a batch (about 14 µs
    /// of one AVX-512 core): handing blocks to a worker costs several microseconds, so a smaller
    /// product runs faster on the calling thread alone (16×1024×64 is exactly one such share).
    /// </summary>
    public const long MinimumMultiplyAddsPerThread = 1L << 20;

    /// <summary>
    /// The same for a lone row (decode), whose every multiply-add reads one weight from memory: a
    /// thread's share of the weights, not its arithmetic, is its time.
    /// </summary>
    public const long MinimumLoneRowMultiplyAddsPerThread = 1L << 16;

    /// <summary>Blocks per thread to aim for, so that threads finish together.</summary>
    private const int BlocksPerThread = 4;

    public static void Run(int rows, int inFeatures, int columns, SimdPath path, int degreeOfParallelism, CpuTileWork work)
    {
        int passLength = Math.Min(inFeatures, LinearLayer.CpuPassLength);
        (int rowBlock, int columnBlock) = BlockSizes(rows, passLength, columns, WeightBlockBytes(path, CpuCacheSizes.L2Bytes), degreeOfParallelism);
        int threads = ThreadsFor(rows, inFeatures, columns, degreeOfParallelism);
        var plan = new CpuBlockPlan(rows, columns, rowBlock, columnBlock, threads);
        CpuWorkers.For(plan.Count, threads, RunBlock);

        void RunBlock(int index)
        {
            (int rowStart, int rowEnd, int columnStart, int columnEnd) = plan.Block(index);
            if (rowStart < rowEnd)
            {
                work.Run(rowStart, rowEnd, columnStart, columnEnd);
            }
        }
    }

    /// <summary>
    /// The threads worth using: at most <paramref name="degreeOfParallelism"/>, and at most one per
    /// <see cref="MinimumMultiplyAddsPerThread"/> (<see cref="MinimumLoneRowMultiplyAddsPerThread"/> for
    /// one row). The blocks are still cut for <paramref name="degreeOfParallelism"/>: neither choice
    /// changes a bit.
    /// </summary>
    internal static int ThreadsFor(int rows, int inFeatures, int columns, int degreeOfParallelism)
    {
        long multiplyAdds = (long)rows * inFeatures * columns;
        long perThread = rows == 1 ? MinimumLoneRowMultiplyAddsPerThread : MinimumMultiplyAddsPerThread;
        return (int)Math.Clamp(multiplyAdds / perThread, 1, Math.Max(1, degreeOfParallelism));
    }

    /// <summary>
    /// The weight bytes a block's columns may take: <paramref name="l2Bytes"/> ÷ <see cref="WeightBlockShareOfL2"/>
    /// within [<see cref="MinimumWeightBlockBytes"/>, <see cref="MaximumWeightBlockBytes"/>], or the path's
    /// default when the L2 size is not known.
    /// </summary>
    internal static int WeightBlockBytes(SimdPath path, long? l2Bytes) => l2Bytes is long l2
        ? (int)Math.Clamp(l2 / WeightBlockShareOfL2, MinimumWeightBlockBytes, MaximumWeightBlockBytes)
        : path == SimdPath.Vector512 ? DefaultVector512WeightBlockBytes : DefaultWeightBlockBytes;

    /// <summary>
    /// The block shape: columns whose weights for one pass of <paramref name="passLength"/> k fit
    /// <paramref name="weightBlockBytes"/> (the kernels run all of a block's tiles for one pass, then the next: a
    /// row tile's inputs for the pass stay in L1 while it meets every column tile of the block; a lone row, which
    /// reuses no weight, takes an even share of the columns instead), halved until every thread has
    /// <see cref="BlocksPerThread"/> blocks or the blocks reach their smallest size. Column blocks are multiples of
    /// <see cref="LinearLayer.CpuColumnAlignment"/>, so only the last column tile of a row is partial.
    /// </summary>
    internal static (int Rows, int Columns) BlockSizes(int rows, int passLength, int columns, int weightBlockBytes, int degreeOfParallelism)
    {
        const int Alignment = LinearLayer.CpuColumnAlignment;
        int rowBlock = RowBlock;
        int columnBlock = rows == 1
            ? RoundUp(Math.Max(1, columns / (degreeOfParallelism * BlocksPerThread)), WideColumns)
            : Math.Max(Alignment, weightBlockBytes / sizeof(float) / passLength / Alignment * Alignment);

        int wanted = degreeOfParallelism <= 1 ? 1 : degreeOfParallelism * BlocksPerThread;
        while (BlockCount(rows, rowBlock, columns, columnBlock) < wanted)
        {
            if (columnBlock > Alignment && columnBlock < columns)
            {
                columnBlock = RoundUp(columnBlock / 2, Alignment);
            }
            else if (rowBlock > MinimumRowBlock && rowBlock < rows)
            {
                rowBlock /= 2;
            }
            else if (columnBlock > Alignment)
            {
                columnBlock = RoundUp(columnBlock / 2, Alignment);
            }
            else
            {
                break;
            }
        }

        return (rowBlock, columnBlock);
    }

    private static long BlockCount(int rows, int rowBlock, int columns, int columnBlock) =>
        (long)((rows + rowBlock - 1) / rowBlock) * ((columns + columnBlock - 1) / columnBlock);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
