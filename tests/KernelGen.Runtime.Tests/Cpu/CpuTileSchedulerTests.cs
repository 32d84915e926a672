using Xunit;

namespace KernelGen.Runtime.Tests.Cpu;

/// <summary><see cref="CpuTileScheduler"/>: how a forward pass is cut into blocks and how many threads run them.</summary>
public sealed class CpuTileSchedulerTests
{
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
    [InlineData(1024, 768, 768, 1, 96, 128)]     // 512 KiB of weights: 170 columns, down to a multiple of 64
    [InlineData(1024, 4096, 4096, 1, 96, 64)]    // 4 K floats per column: one 64-column tile
    [InlineData(16, 1024, 64, 2, 96, 64)]        // one block: rows are halved only while a block is shorter than the batch
    [InlineData(150, 1024, 64, 2, 12, 128)]      // rows halved until two threads have four blocks each (the columns, 128 > 64, are one block)
    [InlineData(1, 4096, 4096, 2, 96, 512)]      // a lone row: an even share of the columns, in wide tiles
    public void BlockSizes_on_vector512_fit_the_weight_block_in_whole_tiles(int rows, int inFeatures, int columns, int degreeOfParallelism, int expectedRows, int expectedColumns)
    {
        (int blockRows, int blockColumns) = CpuTileScheduler.BlockSizes(rows, inFeatures, columns, SimdPath.Vector512, degreeOfParallelism);

        Assert.Equal((expectedRows, expectedColumns), (blockRows, blockColumns));
        Assert.Equal(0, blockColumns % LinearLayer.CpuColumnAlignment);
    }

    [Fact]
    public void BlockSizes_on_vector256_keep_the_smaller_weight_block()
    {
        (_, int blockColumns) = CpuTileScheduler.BlockSizes(1024, 768, 3072, SimdPath.Vector256, degreeOfParallelism: 1);

        Assert.Equal(64, blockColumns); // 256 KiB / (4 · 768) = 85 columns, down to a multiple of 64
    }
}
