using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests.Cpu;

/// <summary><see cref="CpuTileScheduler"/> and <see cref="CpuCacheSizes"/>: how a forward pass is cut into blocks and how many threads run them.</summary>
public sealed class CpuTileSchedulerTests
{
    private const int KiB = 1024;

    [Theory]
    [InlineData(16, 1024, 64, 2, 1)]      // 2^20 multiply-adds: one thread's share, run on the caller alone
    [InlineData(32, 1024, 64, 2, 2)]
    [InlineData(4800, 1024, 64, 2, 2)]
    [InlineData(4800, 1024, 64, 1, 1)]
    [InlineData(1024, 4096, 4096, 64, 64)]
    [InlineData(1, 4096, 4096, 2, 2)]     // decode: the weights, not the arithmetic, set the time
    [InlineData(1, 768, 768, 2, 2)]
    [InlineData(1, 128, 256, 2, 1)]
    [InlineData(1, 1, 1, 8, 1)]
    public void ThreadsFor_uses_a_thread_per_share_of_work_up_to_the_degree_of_parallelism(int rows, int inFeatures, int columns, int degreeOfParallelism, int expected)
    {
        Assert.Equal(expected, CpuTileScheduler.ThreadsFor(rows, inFeatures, columns, degreeOfParallelism));
    }

    [Theory]
    [InlineData(SimdPath.Vector512, 2048L * KiB, 1024 * KiB)]   // this machine's Xeon: half its L2
    [InlineData(SimdPath.Vector256, 512L * KiB, 256 * KiB)]     // the Zen 3 of earlier runs
    [InlineData(SimdPath.Vector512, 64L * KiB, 128 * KiB)]      // never below 128 KiB
    [InlineData(SimdPath.Vector512, 32768L * KiB, 1024 * KiB)]  // nor above 1 MiB
    public void WeightBlockBytes_is_half_the_l2_within_its_bounds(SimdPath path, long l2Bytes, int expected)
    {
        Assert.Equal(expected, CpuTileScheduler.WeightBlockBytes(path, l2Bytes));
    }

    [Theory]
    [InlineData(SimdPath.Vector512, 512 * KiB)]
    [InlineData(SimdPath.Vector256, 256 * KiB)]
    [InlineData(SimdPath.Scalar, 256 * KiB)]
    public void WeightBlockBytes_without_a_known_l2_is_the_path_default(SimdPath path, int expected)
    {
        Assert.Equal(expected, CpuTileScheduler.WeightBlockBytes(path, l2Bytes: null));
    }

    [Theory]
    [InlineData(1024, 256, 768, 256 * KiB, 1, 96, 256)]       // a pass of 256 k: 256 columns of weights, 256 KiB
    [InlineData(1024, 256, 768, 512 * KiB, 1, 96, 512)]
    [InlineData(1024, 100, 768, 256 * KiB, 1, 96, 640)]       // a short pass: 655 columns, down to a multiple of 64
    [InlineData(1024, 256, 4096, 1024 * KiB, 1, 96, 1024)]
    [InlineData(16, 256, 64, 512 * KiB, 2, 96, 64)]           // one block: rows are halved only while shorter than the batch
    [InlineData(150, 256, 64, 512 * KiB, 2, 12, 512)]         // rows halved until two threads have four blocks each
    [InlineData(1, 256, 4096, 512 * KiB, 2, 96, 512)]         // a lone row: an even share of the columns, in wide tiles
    public void BlockSizes_fit_a_pass_of_the_weight_block_in_whole_tiles(int rows, int passLength, int columns, int weightBlockBytes, int degreeOfParallelism, int expectedRows, int expectedColumns)
    {
        (int blockRows, int blockColumns) = CpuTileScheduler.BlockSizes(rows, passLength, columns, weightBlockBytes, degreeOfParallelism);

        Assert.Equal((expectedRows, expectedColumns), (blockRows, blockColumns));
        Assert.Equal(0, blockColumns % LinearLayer.CpuColumnAlignment);
    }

    [Theory]
    [InlineData(1024, 768, 96, 128, 16)]    // the residual stack's Linear on the Xeon's 16 threads
    [InlineData(1024, 768, 96, 1024, 2)]
    [InlineData(4096, 384, 48, 1024, 16)]   // the encoder's projections
    [InlineData(4096, 1536, 96, 256, 3)]
    [InlineData(150, 64, 12, 512, 2)]
    [InlineData(13, 100, 12, 64, 2)]
    [InlineData(1024, 768, 96, 256, 1)]     // one thread: the fixed sizes
    [InlineData(1, 4096, 96, 512, 4)]       // a lone row
    public void Grid_covers_every_output_once_with_blocks_that_start_on_a_column_panel(int rows, int columns, int rowBlock, int columnBlock, int threads)
    {
        CpuBlockGrid grid = CpuBlockGrid.For(rows, columns, rowBlock, columnBlock, threads);
        int[] covered = new int[rows * columns];

        for (int block = 0; block < grid.Count; block++)
        {
            (int rowStart, int rowEnd, int columnStart, int columnEnd) = grid.Block(block);
            Assert.True(rowStart < rowEnd && columnStart < columnEnd, $"block {block} is empty: rows [{rowStart}, {rowEnd}), columns [{columnStart}, {columnEnd})");
            Assert.Equal(0, columnStart % LinearLayer.CpuColumnAlignment);
            for (int row = rowStart; row < rowEnd; row++)
            {
                for (int column = columnStart; column < columnEnd; column++)
                {
                    covered[(row * columns) + column]++;
                }
            }
        }

        Assert.All(covered, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData(1024, 768, 96, 128, 16, 16, 6, 64, 64)]   // 11 × 6 = 66 blocks of up to 96 rows become 16 × 6 of 64
    [InlineData(1024, 768, 96, 1024, 2, 12, 1, 84, 88)]   // 11 blocks become 12 of 84 or 88 rows
    [InlineData(4096, 384, 48, 1024, 16, 96, 1, 40, 44)]  // 86 become 96
    [InlineData(1024, 768, 96, 512, 2, 11, 2, 92, 96)]    // 22 blocks already: columns 384 + 384, not 512 + 256
    public void Grid_on_several_threads_gives_each_thread_the_same_number_of_even_blocks(
        int rows, int columns, int rowBlock, int columnBlock, int threads, int expectedRowBlocks, int expectedColumnBlocks, int fewestRows, int mostRows)
    {
        CpuBlockGrid grid = CpuBlockGrid.For(rows, columns, rowBlock, columnBlock, threads);

        Assert.Equal((expectedRowBlocks, expectedColumnBlocks), (grid.RowBlocks, grid.ColumnBlocks));
        Assert.Equal(0, grid.Count % threads);
        int[] blockRows = Enumerable.Range(0, grid.RowBlocks).Select(i => grid.RowStart(i + 1) - grid.RowStart(i)).ToArray();
        Assert.Equal((fewestRows, mostRows), (blockRows.Min(), blockRows.Max()));
        int[] blockColumns = Enumerable.Range(0, grid.ColumnBlocks).Select(j => grid.ColumnStart(j + 1) - grid.ColumnStart(j)).ToArray();
        Assert.True(blockColumns.Max() - blockColumns.Min() <= LinearLayer.CpuColumnAlignment, string.Join(", ", blockColumns));
    }

    [Fact]
    public void Grid_on_one_thread_keeps_the_fixed_block_sizes()
    {
        CpuBlockGrid grid = CpuBlockGrid.For(1024, 768, 96, 256, threads: 1);

        Assert.Equal((11, 3), (grid.RowBlocks, grid.ColumnBlocks));
        Assert.Equal((960, 1024), (grid.RowStart(10), grid.RowStart(11)));
        Assert.Equal((256, 512, 768), (grid.ColumnStart(1), grid.ColumnStart(2), grid.ColumnStart(3)));
    }

    [Theory]
    [InlineData("2048K", 2048L * KiB)]
    [InlineData("1M\n", 1024L * KiB)]
    [InlineData("524288", 524288L)]
    [InlineData("", null)]
    [InlineData("K", null)]
    [InlineData("-1K", null)]
    [InlineData("2G", null)]
    [InlineData(null, null)]
    public void ParseSize_reads_sysfs_sizes_and_nothing_else(string? text, long? expected)
    {
        Assert.Equal(expected, CpuCacheSizes.ParseSize(text));
    }
}
