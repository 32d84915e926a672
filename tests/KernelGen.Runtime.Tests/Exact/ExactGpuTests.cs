using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Exact;

/// <summary>The exact tier's ILGPU kernels give the CPU's bits (checked against the reference there).</summary>
internal static class ExactDeviceChecks
{
    public static void EqualsCpu(GpuDevice device)
    {
        Check(device, ExactCases.Layer<Exact100x70>("mixed", 91), "normal", rows: 40);
        Check(device, ExactCases.Layer<Exact61x3NoBias>("subnormal", 92), "huge", rows: 5);
        Check(device, ExactCases.Layer<Exact1x1>("normal", 93), "powers", rows: 33);
        Check(device, ExactCases.Layer<Exact3x130>("huge", 94), "subnormal", rows: 3);
        Check(device, ExactCases.Layer<Exact1027x33Gelu>("normal", 95), "mixed", rows: 9);
    }

    public static void LongRowEqualsCpu(GpuDevice device)
    {
        Exact140000x2 layer = ExactCases.Layer<Exact140000x2>("normal", 96);
        Check(device, layer, "normal", rows: 2);
    }

    public static void Check(GpuDevice device, LinearLayer layer, string inputKind, int rows)
    {
        var input = new float[rows * layer.InFeatures];
        ExactCases.Fill(input, inputKind, seed: rows);
        if (rows > 2)
        {
            input.AsSpan(layer.InFeatures, layer.InFeatures).Clear(); // a zero row
            input[(2 * layer.InFeatures) + (layer.InFeatures / 2)] = float.NaN; // a NaN row
        }

        float[] cpu = layer.Forward(input);
        using GpuLinearLayer onDevice = layer.ToGpu(device);
        Assert.Equal(KernelArithmetic.Exact, onDevice.Arithmetic);
        BitAssert.Equal(cpu, onDevice.Forward(input), $"{layer.GetType().Name} on {device.Kind}, {rows} rows");

        // A row alone on the device, after a larger batch grew the scratch buffers.
        float[] alone = onDevice.Forward(input.AsSpan(0, layer.InFeatures));
        BitAssert.Equal(cpu.AsSpan(0, layer.OutFeatures), alone, $"{layer.GetType().Name} on {device.Kind}, row 0 alone");

        // The tensor path: Forward on a tensor that lives on the device.
        using Tensor host = new(input, rows, layer.InFeatures);
        using Tensor x = host.To(device);
        using Tensor y = layer.Forward(x);
        BitAssert.Equal(cpu, y.ToArray(), $"{layer.GetType().Name} tensor on {device.Kind}");
    }
}

/// <summary>ILGPU's CPU accelerator runs the exact kernels (CpuMath) with the CPU's bits.</summary>
public sealed class ExactCpuAcceleratorTests : IDisposable
{
    private readonly GpuDevice _device = GpuDevice.OpenCpuAccelerator();

    [Fact]
    public void Cpu_accelerator_equals_cpu() => ExactDeviceChecks.EqualsCpu(_device);

    [Fact]
    public void Cpu_accelerator_long_row_equals_cpu() => ExactDeviceChecks.LongRowEqualsCpu(_device);

    public void Dispose() => _device.Dispose();
}

/// <summary>CUDA runs the exact kernels (CudaMath) with the CPU's bits. Skipped, with the reason, where no CUDA device exists.</summary>
[Trait("Category", "Cuda")]
public sealed class ExactCudaTests
{
    [Fact]
    public void Cuda_equals_cpu() => ExactDeviceChecks.EqualsCpu(CudaDevice.Get());

    [Fact]
    public void Cuda_long_row_equals_cpu() => ExactDeviceChecks.LongRowEqualsCpu(CudaDevice.Get());

    [Fact]
    public void Cuda_large_batch_equals_cpu()
    {
        GpuDevice device = CudaDevice.Get();
        ExactDeviceChecks.Check(device, ExactCases.Layer<Exact1027x33Gelu>("normal", 97), "normal", rows: 1000);
    }
}
