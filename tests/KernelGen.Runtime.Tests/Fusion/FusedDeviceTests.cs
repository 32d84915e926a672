using System;
using KernelGen.Generated;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Fusion;

/// <summary>
/// The fused GPU kernels (per-output, staged and tiled; <c>Activate&lt;TMath&gt;</c> before each store) give the
/// bits of the unfused pair on the CPU: on ILGPU's CPU accelerator (<see cref="CpuMath"/>) everywhere, and on CUDA
/// (<see cref="CudaMath"/>) where a GPU exists.
/// </summary>
public sealed class FusedDeviceTests : IDisposable
{
    private readonly GpuDevice _device = GpuDevice.OpenCpuAccelerator();

    /// <summary>A case and a batch size, each reaching one of the GPU kernels (the kernel is named in the test).</summary>
    public static TheoryData<string, int, string> AcceleratorBatches => new()
    {
        { "Relu7x100", 5, "per output" },
        { "Gelu7x100", 40, "tiled" },
        { "GeluTanh7x100", 5, "per output" },
        { "Silu7x100", 33, "tiled" },
        { "Tanh7x100", 69, "tiled" },
        { "Sigmoid7x100", 2, "per output" },
        { "Sigmoid1x1", 33, "tiled" },
        { "Relu1x1NoBias", 5, "per output" },
        { "GeluTanh3x17", 40, "tiled" },
        { "Silu3x17NoBias", 13, "per output" },
        { "Gelu768x3072", 1, "staged" },
        { "Gelu768x3072", 9, "staged" },
        { "Tanh4096x64", 3, "per output" },
    };

    [Theory]
    [MemberData(nameof(AcceleratorBatches))]
    public void Cpu_accelerator_equals_the_unfused_cpu_layers(string name, int rows, string kernel)
    {
        LinearLayer fused = FusedCases.CreateFused(name);
        float[] input = FusedCases.Input(fused, rows, seed: 43);
        using GpuLinearLayer onDevice = fused.ToGpu(_device);

        Assert.Equal(kernel, KernelFor(onDevice, rows));
        Assert.Equal(fused.Activation, onDevice.Activation);
        BitAssert.Equal(FusedCases.Unfused(name, fused, input), onDevice.Forward(input), $"{name}, {rows} rows, {kernel} kernel on {_device}");
    }

    [Theory]
    [MemberData(nameof(FusedCases.Names), MemberType = typeof(FusedCases))]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_the_unfused_cpu_layers(string name)
    {
        GpuDevice device = CudaDevice.Get();
        LinearLayer fused = FusedCases.CreateFused(name);
        using GpuLinearLayer onDevice = fused.ToGpu(device);
        foreach (int rows in new[] { 1, 7, 31, 300 })
        {
            float[] input = FusedCases.Input(fused, rows, seed: 44);
            BitAssert.Equal(FusedCases.Unfused(name, fused, input), onDevice.Forward(input), $"{name}, {rows} rows, {KernelFor(onDevice, rows)} kernel on {device}");
        }
    }

    public void Dispose() => _device.Dispose();

    private static string KernelFor(GpuLinearLayer layer, int rows) =>
        layer.Kernels.Choose(rows, layer.OutFeatures) is not null ? "tiled"
        : LinearGpuKernels.StagesWeight(rows, layer.OutFeatures) ? "staged"
        : "per output";
}
