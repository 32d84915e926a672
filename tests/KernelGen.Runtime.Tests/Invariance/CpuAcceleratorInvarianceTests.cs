using System;
using ILGPU.Runtime;
using KernelGen.Generated;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>The generated GPU kernel, run by ILGPU's CPU accelerator (<see cref="CpuMath"/>), gives the CPU kernels' bits.</summary>
public sealed class CpuAcceleratorInvarianceTests : IDisposable
{
    private readonly GpuDevice _device = GpuDevice.OpenCpuAccelerator();

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Cpu_accelerator_equals_cpu(string name) => DeviceInvariance.DeviceEqualsCpu(_device, name, rows: 9);

    [Theory]
    [InlineData("1024x64")]
    [InlineData("61x3 no bias")]
    public void Cpu_accelerator_prefixes_and_rows_alone(string name) => DeviceInvariance.PrefixesAndRowsAlone(_device, name, rows: 6);

    [Theory]
    [InlineData("3x1023", 69, "128x128")] // 8, 16 or 32 groups for 2 multiprocessors: equal work, the fastest tile
    [InlineData("64x128", 128, "128x64")] // 1 large group; 2 medium groups, one per multiprocessor
    [InlineData("64x300", 69, "128x64")] // 3 medium groups for the busiest multiprocessor take less time than 5 small ones
    [InlineData("61x3 no bias", 69, "64x32")] // narrow: large or small only
    [InlineData("1024x64", 69, "64x64")]
    [InlineData("4097x61", 69, "64x64")] // two register sets, an odd number of slices, the last one partial
    [InlineData("100x70", 69, "128x64")] // 16-byte input loads with a partial last slice
    [InlineData("1024x64", 64, "64x32")] // the narrow tile (4 × 2 per thread): 2 groups, one per multiprocessor
    public void Cpu_accelerator_tiled_kernels_equal_cpu(string name, int rows, string expectedTile)
    {
        LinearLayer layer = LayerCases.Create(name);
        using GpuLinearLayer onDevice = layer.ToGpu(_device);
        TiledGpuKernel? tile = onDevice.Kernels.Choose(rows, layer.OutFeatures);

        Assert.Equal(expectedTile, tile is null ? null : $"{tile.TileRows}x{tile.TileColumns}");
        DeviceInvariance.DeviceEqualsCpu(_device, name, rows);
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Every_tile_equals_cpu_with_aligned_and_unaligned_input(string name) => DeviceInvariance.EveryTileEqualsCpu(_device, name, rows: 37);

    [Fact]
    public void Device_resident_forward_gives_the_cpu_bits_and_checks_lengths()
    {
        LinearLayer layer = LayerCases.Create("1024x64");
        float[] input = LayerCases.Input(layer, 5, seed: 23);
        using GpuLinearLayer onDevice = layer.ToGpu(_device);
        using var deviceInput = _device.Accelerator.Allocate1D(input);
        using var deviceOutput = _device.Accelerator.Allocate1D<float>(5 * layer.OutFeatures);

        onDevice.Forward(deviceInput.View.AsContiguous(), deviceOutput.View.AsContiguous());
        _device.Synchronize();

        BitAssert.Equal(layer.Forward(input), deviceOutput.GetAsArray1D(), "device-resident forward");
        var error = Assert.Throws<System.ArgumentException>(
            () => onDevice.Forward(deviceInput.View.AsContiguous(), deviceOutput.View.SubView(0, 64).AsContiguous()));
        Assert.Equal("output has 64 values; 5 input rows need [5, 64] = 320. (Parameter 'output')", error.Message);
    }

    public void Dispose() => _device.Dispose();
}
