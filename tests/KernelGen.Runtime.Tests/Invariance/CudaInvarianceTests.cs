using System;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>
/// The generated kernel on a CUDA GPU (<see cref="CudaMath"/>: fma.rn.f32) gives the CPU kernels'
/// bits. Skipped, with the reason, where no CUDA device exists.
/// </summary>
[Trait("Category", "Cuda")]
public sealed class CudaInvarianceTests
{
    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Cuda_equals_cpu(string name) => DeviceInvariance.DeviceEqualsCpu(CudaDevice.Get(), name, rows: 300);

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Cuda_prefixes_and_rows_alone(string name) => DeviceInvariance.PrefixesAndRowsAlone(CudaDevice.Get(), name, rows: 40);

    [Theory]
    [InlineData("3x1023")]
    [InlineData("64x300")]
    public void Cuda_large_tiles_equal_cpu(string name)
    {
        GpuDevice device = CudaDevice.Get();
        int rows = 128 * device.Accelerator.NumMultiprocessors; // enough groups of large tiles for every multiprocessor
        LinearLayer layer = LayerCases.Create(name);
        using GpuLinearLayer onDevice = layer.ToGpu(device);

        Assert.Equal(128, onDevice.Kernels.Choose(rows, layer.OutFeatures)?.TileRows);
        DeviceInvariance.DeviceEqualsCpu(device, name, rows);
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Cuda_every_tile_equals_cpu_with_aligned_and_unaligned_input(string name) => DeviceInvariance.EveryTileEqualsCpu(CudaDevice.Get(), name, rows: 37);

    [Fact]
    public void Cuda_kernel_cache_serves_two_layers_of_one_type()
    {
        GpuDevice device = CudaDevice.Get();
        var first = new Projection1024x64(seed: 1);
        var second = new Projection1024x64(seed: 2);
        float[] input = LayerCases.Input(first, 5, seed: 3);
        using GpuLinearLayer a = first.ToGpu(device);
        using GpuLinearLayer b = second.ToGpu(device);

        BitAssert.Equal(first.Forward(input), a.Forward(input), "first layer");
        BitAssert.Equal(second.Forward(input), b.Forward(input), "second layer");
    }
}

/// <summary>One CUDA device for the whole test run, or the reason there is none.</summary>
internal static class CudaDevice
{
    private static readonly Lazy<(GpuDevice? Device, string Reason)> Shared = new(() =>
    {
        GpuDevice? device = GpuDevice.TryOpenCuda(out string reason);
        if (device is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => device.Dispose();
        }

        return (device, reason);
    });

    /// <summary>Returns the device, or skips the calling test with the reason no device is available.</summary>
    public static GpuDevice Get()
    {
        (GpuDevice? device, string reason) = Shared.Value;
        if (device is null)
        {
            Assert.Skip($"CUDA tests need an NVIDIA GPU: {reason}");
        }

        return device;
    }
}
