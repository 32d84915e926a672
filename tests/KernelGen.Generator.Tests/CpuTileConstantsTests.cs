using System.Linq;
using KernelGen.Generator.Emitting;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>
/// The CPU tile geometry the generator emits against the runtime's packing: a mismatch would make a
/// partial tile at the right edge read past the packed weight.
/// </summary>
public sealed class CpuTileConstantsTests
{
    [Fact]
    public void The_generator_and_the_runtime_pack_the_cpu_weight_alike()
    {
        Assert.Equal(LinearLayer.CpuColumnAlignment, SimdPathSpec.ColumnAlignment);
        Assert.Equal(LinearLayer.CpuPanelWidth, SimdPathSpec.PanelWidth);
        Assert.Equal(LinearLayer.CpuPassLength, SimdPathSpec.PassLength);
    }

    [Fact]
    public void Every_register_tile_divides_the_padded_columns_and_starts_on_a_panel()
    {
        foreach (SimdPathSpec path in SimdPathSpec.All)
        {
            Assert.True(SimdPathSpec.ColumnAlignment % path.TileColumns == 0, $"{path.Name}: {path.TileColumns} columns per tile");
            Assert.True(
                path.TileColumns % SimdPathSpec.PanelWidth == 0 || SimdPathSpec.PanelWidth % path.TileColumns == 0,
                $"{path.Name}: a {path.TileColumns}-column tile and {SimdPathSpec.PanelWidth}-column panels");
        }
    }

    [Fact]
    public void The_tail_tiles_finish_every_leftover_row_count_with_one_tile_each_at_most()
    {
        foreach (SimdPathSpec path in SimdPathSpec.All)
        {
            for (int leftover = 1; leftover < path.TileRows; leftover++)
            {
                // The driver's order: each tail tile once, largest first, while it fits.
                int remaining = leftover;
                foreach (int tail in path.TailRows)
                {
                    if (tail <= remaining)
                    {
                        remaining -= tail;
                    }
                }

                Assert.True(remaining == 0, $"{path.Name}: {leftover} rows after the {path.TileRows}-row tiles leave {remaining} with tails {string.Join(", ", path.TailRows)}");
            }

            Assert.True(path.TailRows.All(tail => tail < path.TileRows), $"{path.Name}: a tail as large as the main tile");
        }
    }
}
