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
}
