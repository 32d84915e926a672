using System.Collections.Generic;
using Xunit;

namespace KernelGen.Runtime.Tests.Cpu;

/// <summary><see cref="CpuBlockPlan"/>: the blocks threads take, the last round cut into pieces of whole tiles.</summary>
public sealed class CpuBlockPlanTests
{
    [Theory]
    [InlineData(1024, 768, 96, 1024, 2)]
    [InlineData(1024, 768, 96, 128, 16)]
    [InlineData(1024, 768, 96, 1024, 1)]
    [InlineData(4096, 1536, 96, 512, 16)]
    [InlineData(4096, 384, 48, 512, 16)]
    [InlineData(150, 64, 12, 512, 2)]
    [InlineData(13, 100, 12, 64, 3)]
    [InlineData(1, 4096, 96, 512, 2)]
    [InlineData(1000, 30522, 96, 1024, 8)]
    [InlineData(97, 130, 96, 64, 7)]
    public void Every_output_is_in_exactly_one_block_and_pieces_start_on_whole_tiles(int rows, int columns, int rowBlock, int columnBlock, int threads)
    {
        var plan = new CpuBlockPlan(rows, columns, rowBlock, columnBlock, threads);
        var owner = new int[rows, columns];
        for (int index = 0; index < plan.Count; index++)
        {
            (int rowStart, int rowEnd, int columnStart, int columnEnd) = plan.Block(index);
            Assert.InRange(rowStart, 0, rowEnd);
            Assert.InRange(rowEnd, rowStart, rows);
            Assert.Equal(0, rowStart % rowBlock % CpuTileScheduler.MinimumRowBlock);
            for (int row = rowStart; row < rowEnd; row++)
            {
                for (int column = columnStart; column < columnEnd; column++)
                {
                    owner[row, column]++;
                }
            }
        }

        foreach (int count in owner)
        {
            Assert.Equal(1, count);
        }
    }

    [Fact]
    public void The_residual_stack_on_two_threads_cuts_its_last_block_in_two()
    {
        // 1024 rows in blocks of 96: 11 blocks, the last of 64 rows. Ten run whole, five a thread; the last is cut
        // at whole 12-row tiles into 36 and 28 rows, one piece a thread.
        var plan = new CpuBlockPlan(1024, 768, 96, 1024, threads: 2);

        Assert.Equal(12, plan.Count);
        Assert.Equal((864, 960, 0, 768), plan.Block(9));
        Assert.Equal((960, 996, 0, 768), plan.Block(10));
        Assert.Equal((996, 1024, 0, 768), plan.Block(11));
    }

    [Fact]
    public void Blocks_that_fill_every_round_and_a_lone_row_are_not_cut()
    {
        Assert.Equal(12, new CpuBlockPlan(1152, 768, 96, 1024, threads: 4).Count);
        Assert.Equal(8, new CpuBlockPlan(1, 4096, 96, 512, threads: 3).Count);
        Assert.Equal(11, new CpuBlockPlan(1024, 768, 96, 1024, threads: 1).Count);
    }

    [Fact]
    public void Pieces_of_a_block_with_fewer_tiles_than_pieces_are_empty()
    {
        // 66 blocks on 16 threads: 64 whole, the last two (96 and 64 rows: 8 and 6 tiles) cut into 8 pieces each.
        var plan = new CpuBlockPlan(1024, 768, 96, 128, threads: 16);
        var heights = new List<int>();
        for (int index = 64; index < plan.Count; index++)
        {
            (int rowStart, int rowEnd, _, _) = plan.Block(index);
            heights.Add(rowEnd - rowStart);
        }

        Assert.Equal(80, plan.Count);
        Assert.Equal(new[] { 12, 12, 12, 12, 12, 12, 12, 12, 0, 12, 12, 12, 0, 12, 12, 4 }, heights);
    }
}
