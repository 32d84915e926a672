using System;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Runtime.Tests.Robustness;

/// <summary>
/// NaN, ±infinity, overflow, signed zeros and subnormals go through the FMA chain as IEEE says, and
/// give the same bits on every CPU SIMD path, on ILGPU's CPU accelerator, on CUDA and in a plain
/// scalar loop. Every NaN output is the canonical NaN 0x7FC00000 (docs/arithmetic.md), whatever
/// NaN the hardware made.
/// </summary>
public sealed class NonFiniteInputTests
{
    private const float Inf = float.PositiveInfinity;

    // Unit5x3: 5 inputs, 3 outputs, bias. Weight row 1 mixes signs; row 2 holds an infinity.
    private static readonly float[] Weight =
    [
        1f, 2f, 0.5f, 1f, 1f,
        1f, -1f, 1f, -1f, 1f,
        0.25f, 1f, 1f, Inf, 1f,
    ];

    private static readonly float[] Bias = [-0f, 1f, 0f];

    private static readonly float[][] Rows =
    [
        [1f, 2f, 3f, 0f, 5f], // ordinary; row 2 is 0 × inf = NaN
        [float.NaN, 1f, 1f, 1f, 1f], // a NaN input poisons every output
        [Inf, 0f, 0f, 1f, 0f], // one infinity: ±inf in every chain
        [Inf, Inf, 0f, 1f, 0f], // row 1: inf − inf = NaN
        [-Inf, 0f, 0f, -1f, 0f], // −inf; row 2: −1 × inf = −inf
        [3e38f, 3e38f, 0f, 0f, 0f], // overflow to +inf in row 0, cancels exactly in row 1
        [-0f, -0f, -0f, -0f, -0f], // signed zeros: fma(−0, w, +0) = +0, then + bias
        [1e-45f, 1e-45f, 1e-45f, 1e-45f, 1e-45f], // subnormals, never flushed
        [float.MaxValue, float.MaxValue, -float.MaxValue, 0f, 0f],
        [BitConverter.UInt32BitsToSingle(0x7FC0_0001), 0f, 0f, 0f, 0f], // a NaN with a payload
    ];

    [Fact]
    public void NonFiniteInputs_GiveTheSameBits_OnEveryCpuPath_TheCpuAccelerator_AndTheReference()
    {
        var layer = new Unit5x3();
        layer.SetParameters(Weight, Bias);
        float[] input = Rows.SelectMany(row => row).ToArray();

        float[] reference = ReferenceLinear.Forward(layer, input);
        float[] cpu = layer.Forward(input);
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        using GpuLinearLayer onDevice = layer.ToGpu(device);
        float[] accelerator = onDevice.Forward(input);

        AssertSame(reference, cpu, "CPU default path");
        AssertSame(reference, accelerator, "ILGPU CPU accelerator");
        foreach (SimdPath path in Enum.GetValues<SimdPath>().Where(p => p != SimdPath.Auto && SimdPaths.IsSupported(p)))
        {
            AssertSame(reference, layer.Forward(input, new CpuExecutionOptions { SimdPath = path }), $"CPU {path}");
        }

        // What IEEE says, spelled out for a few outputs (row, column).
        Assert.True(float.IsNaN(cpu[(0 * 3) + 2])); // 0 × inf
        Assert.All(cpu.Skip(1 * 3).Take(3), value => Assert.True(float.IsNaN(value)));
        Assert.True(float.IsNaN(cpu[(3 * 3) + 1])); // inf − inf
        Assert.Equal(float.NegativeInfinity, cpu[(4 * 3) + 2]);
        Assert.Equal(Inf, cpu[(5 * 3) + 0]);
        Assert.Equal(1f, cpu[(5 * 3) + 1]); // 3e38 − 3e38 = 0, exactly, then the bias
        Assert.Equal(0x0000_0000u, BitConverter.SingleToUInt32Bits(cpu[(6 * 3) + 0])); // +0 + −0 = +0
        // Subnormal units of 2^-149: 1, 1 + 2 = 3, 3 + 0.5 = 3.5 → 4 (ties to even), 5, 6; never flushed to zero.
        Assert.Equal(6u, BitConverter.SingleToUInt32Bits(cpu[(7 * 3) + 0]));
    }

    [Fact]
    [Trait("Category", "Cuda")]
    public void NonFiniteInputs_GiveTheSameBits_OnCuda()
    {
        GpuDevice device = CudaDevice.Get();
        var layer = new Unit5x3();
        layer.SetParameters(Weight, Bias);
        float[] input = Rows.SelectMany(row => row).ToArray();
        using GpuLinearLayer onDevice = layer.ToGpu(device);
        AssertSame(ReferenceLinear.Forward(layer, input), onDevice.Forward(input), device.Name);
        BitAssert.Equal(layer.Forward(input), onDevice.Forward(input), $"CPU vs {device.Name}");
    }

    /// <summary>Bit equality, where a NaN in the reference (any payload) must come out as the canonical NaN.</summary>
    private static void AssertSame(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = float.IsNaN(expected[i])
                ? BitConverter.SingleToUInt32Bits(actual[i]) == DetMath.CanonicalNaNBits
                : BitConverter.SingleToUInt32Bits(expected[i]) == BitConverter.SingleToUInt32Bits(actual[i]);
            Assert.True(same, $"{what}: output {i} (row {i / 3}, column {i % 3}) is {actual[i]:R} (0x{BitConverter.SingleToUInt32Bits(actual[i]):X8}); the reference gives {expected[i]:R} (0x{BitConverter.SingleToUInt32Bits(expected[i]):X8}).");
        }
    }
}
