using KernelGen.Generated;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>Which kernel a batch runs on (speed only: every kernel gives the same bits).</summary>
public sealed class GpuKernelChoiceTests : System.IDisposable
{
    private readonly GpuDevice _device = GpuDevice.OpenCpuAccelerator(); // 2 multiprocessors

    [Theory]
    [InlineData(1, 1023, null)]
    [InlineData(LinearGpuKernels.TiledMinimumRows - 1, 1023, null)]
    [InlineData(LinearGpuKernels.TiledMinimumRows, 1023, 64)] // 32 rows fill a quarter of a 128-row tile: 16 small groups do less work
    [InlineData(LinearGpuKernels.TiledMinimumRows, 100, 64)] // 1 large group < 2 multiprocessors: 2 small ones
    [InlineData(129, 100, 128)] // 2 large groups (mostly empty rows), one per multiprocessor, vs 6 small ones at two thirds of the rate
    [InlineData(4096, 1023, 128)] // 256 large groups: the same work as smaller tiles, and the most reuse
    public void Small_batches_run_untiled_and_large_ones_the_tile_with_the_least_time_per_multiprocessor(int rows, int columns, int? expectedTileRows)
    {
        using GpuLinearLayer layer = new Wide3x1023(seed: 1).ToGpu(_device);

        Assert.Equal(expectedTileRows, layer.Kernels.Choose(rows, columns)?.TileRows);
    }

    [Theory]
    [InlineData(1, 4096, true)]
    [InlineData(LinearGpuKernels.TiledMinimumRows - 1, LinearGpuKernels.StagedMinimumColumns, true)]
    [InlineData(1, LinearGpuKernels.StagedMinimumColumns - 1, false)] // too few groups of 32 columns: one thread per output
    [InlineData(LinearGpuKernels.TiledMinimumRows, 4096, false)] // tiled
    public void Few_rows_stage_the_weight_when_the_layer_is_wide_enough(int rows, int columns, bool staged)
    {
        Assert.Equal(staged, LinearGpuKernels.StagesWeight(rows, columns));
    }

    public void Dispose() => _device.Dispose();
}
