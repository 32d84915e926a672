using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>Which kernel a batch runs on (speed only: every kernel gives the same bits).</summary>
public sealed class GpuKernelChoiceTests : System.IDisposable
{
    private readonly GpuDevice _device = GpuDevice.OpenCpuAccelerator(); // 2 multiprocessors

    [Theory]
    [InlineData(1, 1023, null)]
    [InlineData(LinearGpuKernels.TiledMinimumRows - 1, 1023, null)]
    [InlineData(LinearGpuKernels.TiledMinimumRows, 1023, 128)] // 8 column groups of 128
    [InlineData(LinearGpuKernels.TiledMinimumRows, 100, 32)] // 1 large group < 2 multiprocessors
    [InlineData(129, 100, 128)] // 2 row groups of 128
    public void Small_batches_run_per_output_and_large_ones_the_tile_that_fills_the_device(int rows, int columns, int? expectedTileRows)
    {
        using GpuLinearLayer layer = new Wide3x1023(seed: 1).ToGpu(_device);

        Assert.Equal(expectedTileRows, layer.Kernels.Choose(rows, columns)?.TileRows);
    }

    public void Dispose() => _device.Dispose();
}
