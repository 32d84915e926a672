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
