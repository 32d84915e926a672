using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.DetMathChecks;
using Xunit;

namespace KernelGen.Runtime.Tests.DetMathTesting;

/// <summary>
/// The vector forms of every DetMath function, on every vector width, give exactly the scalar
/// function's bits: on special values (NaNs with payloads, signed zeros, infinities, subnormals),
/// on each function's thresholds and their float neighbours, on the hard cases of the exhaustive
/// runs, and on a sampled sweep. The exhaustive tool's <c>--vector</c> mode checks every float.
/// </summary>
public sealed class DetMathVectorTests
{
    private const int SpreadSamples = 1 << 22;
    private const int RangeSamples = 1 << 20;
    private const int ThresholdNeighbours = 64;

    /// <summary>
    /// Every function on every width; the functions with a form on two vectors at once (<see cref="VectorAgreement.Paired"/>:
    /// the exponential softmax and attention call, four dependency chains interleaved) once more with <c>paired</c>.
    /// </summary>
    public static TheoryData<string, SimdPath, bool> FunctionsAndWidths()
    {
        var data = new TheoryData<string, SimdPath, bool>();
        foreach (DetMathFunction function in DetMathFunctions.All)
        {
            foreach (SimdPath width in VectorAgreement.Widths)
            {
                data.Add(function.ToString(), width, false);
                if (VectorAgreement.Paired.Contains(function))
                {
                    data.Add(function.ToString(), width, true);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void SpecialValuesThresholdsAndHardCases_GiveTheScalarBits(string name, SimdPath width, bool paired)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(width), $"{width} does not run on this processor.");
        DetMathFunction function = Enum.Parse<DetMathFunction>(name);
        float[] special = SpecialInputs(function);

        // The list in order, then shuffled a few times: each value meets different neighbours in its
        // vector, so that a lane taking a rare branch (or the scalar fallback) sits beside ordinary ones.
        var inputs = new List<float>(special);
        var random = new Random(20261130);
        for (int round = 0; round < 8; round++)
        {
            float[] shuffled = (float[])special.Clone();
            random.Shuffle(shuffled);
            inputs.AddRange(shuffled);
        }

        AssertAgreement(function, width, inputs.ToArray(), paired);
    }

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void SampledSweep_GivesTheScalarBits(string name, SimdPath width, bool paired)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(width), $"{width} does not run on this processor.");
        DetMathFunction function = Enum.Parse<DetMathFunction>(name);
        var inputs = new float[SpreadSamples + RangeSamples];
        for (int i = 0; i < SpreadSamples; i++)
        {
            // Every 2^10-th bit pattern from an odd offset: all signs, exponents, NaNs and subnormals.
            inputs[i] = BitConverter.UInt32BitsToSingle((uint)i * (1u << 10) + 0x2A5u);
        }

        (float low, float high) = NonConstantRange(function);
        uint lowBits = OrderedBits(low);
        uint step = Math.Max(1u, (OrderedBits(high) - lowBits) / RangeSamples);
        for (int i = 0; i < RangeSamples; i++)
        {
            inputs[SpreadSamples + i] = FromOrderedBits(lowBits + (uint)i * step);
        }

        AssertAgreement(function, width, inputs, paired);
    }

    /// <summary>
    /// The vector GELU takes a central path when every lane has |x| &lt; 3 (which the exhaustive run checks on every
    /// such input, its vectors holding consecutive inputs) and its general path otherwise: here central inputs share
    /// each vector with one lane outside (3, a NaN, −20, ∞), so that the general path decides them.
    /// </summary>
    [Theory]
    [InlineData(SimdPath.Vector512)]
    [InlineData(SimdPath.Vector256)]
    [InlineData(SimdPath.Vector128)]
    public void Gelu_central_inputs_beside_an_outside_lane_give_the_scalar_bits(SimdPath width)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(width), $"{width} does not run on this processor.");
        float[] outside = [3f, float.NaN, -20f, float.PositiveInfinity];
        int lanes = VectorAgreement.Lanes(width);
        var inputs = new float[RangeSamples];
        uint lowBits = OrderedBits(-2.9999998f);
        uint step = (OrderedBits(2.9999998f) - lowBits) / RangeSamples;
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = i % lanes == 0 ? outside[i / lanes % outside.Length] : FromOrderedBits(lowBits + (uint)i * step);
        }

        AssertAgreement(DetMathFunction.Gelu, width, inputs);
    }

    private static void AssertAgreement(DetMathFunction function, SimdPath width, float[] inputs, bool paired = false)
    {
        var listed = new List<(uint Input, uint Scalar, uint Vector)>();
        long mismatches = VectorAgreement.CountMismatches(function, width, inputs, listed, paired: paired);
        Assert.True(mismatches == 0,
            $"{function} on {width}{(paired ? " (two vectors at once)" : "")}: {mismatches} of {inputs.Length} lanes differ from the scalar bits, e.g. " +
            string.Join(", ", listed.Select(m => $"x = 0x{m.Input:X8}: scalar 0x{m.Scalar:X8}, vector 0x{m.Vector:X8}")));
    }

    /// <summary>Special values, every threshold of <paramref name="function"/> with its neighbours, and the hard cases.</summary>
    private static float[] SpecialInputs(DetMathFunction function)
    {
        var inputs = new List<float>();
        uint[] bits =
        [
            0x0000_0000, 0x8000_0000, 0x7F80_0000, 0xFF80_0000,                         // ±0, ±∞
            0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x7FA5_A5A5, // NaNs
            0x0000_0001, 0x8000_0001, 0x0000_0003, 0x007F_FFFF, 0x807F_FFFF, 0x0040_0001, // subnormals
            0x0080_0000, 0x8080_0000, 0x7F7F_FFFF, 0xFF7F_FFFF,                         // smallest normal, largest
            0x3F80_0000, 0xBF80_0000, 0x3F00_0000, 0x4000_0000,                         // ±1, 1/2, 2
        ];
        foreach (uint b in bits)
        {
            inputs.Add(BitConverter.UInt32BitsToSingle(b));
        }

        foreach (float threshold in Thresholds(function))
        {
            AddNeighbours(inputs, threshold);
            AddNeighbours(inputs, -threshold);
        }

        foreach (uint input in DetMathHardCaseTests.Inputs())
        {
            inputs.Add(BitConverter.UInt32BitsToSingle(input));
        }

        return inputs.ToArray();
    }

    /// <summary>Where the scalar function changes branch or becomes constant (both signs are added).</summary>
    private static float[] Thresholds(DetMathFunction function)
    {
        const float TwoToMinus100 = 7.888609e-31f;
        const float Sqrt2 = 1.4142135f;
        return function switch
        {
            DetMathFunction.Exp => [89f, 104f, 88.72284f, 103.97208f, 87.33655f, 0.5f, 1e-8f],
            DetMathFunction.Log => [1f, Sqrt2, 0.70710677f, 2f, 1.1754944e-38f, float.Epsilon, float.MaxValue, 0.5f],
            DetMathFunction.Tanh => [10f, 9.011f, 1f, 0.5f, 1e-4f, TwoToMinus100],
            DetMathFunction.Erf => [1f, 2f, 4f, 3.9192f, 0.5f, 1e-4f, TwoToMinus100],
            DetMathFunction.Sigmoid => [20f, 17.33f, 105f, 103.97f, 87.3f, 0.03125f, 1e-4f, TwoToMinus100],
            DetMathFunction.Silu => [20f, 128f, 103.97f, 87.3f, 0.03125f, TwoToMinus100, 1e-20f],
            DetMathFunction.Gelu => [3f, 8f, 16f, Sqrt2, 2f * Sqrt2, 4f * Sqrt2, 0.0625f, 13.6f, 13.146247f, TwoToMinus100, 1e-20f],
            DetMathFunction.GeluTanh => [10f, 12f, 0.03125f, 9.5f, 10.100637f, TwoToMinus100, 1e-20f],
            DetMathFunction.Rsqrt => [1f, 4f, 2f, float.Epsilon, 1.1754944e-38f, float.MaxValue],
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
    }

    /// <summary>Adds <paramref name="x"/> and its <see cref="ThresholdNeighbours"/> float neighbours on each side.</summary>
    private static void AddNeighbours(List<float> inputs, float x)
    {
        uint ordered = OrderedBits(x);
        for (int k = -ThresholdNeighbours; k <= ThresholdNeighbours; k++)
        {
            inputs.Add(FromOrderedBits((uint)(ordered + k)));
        }
    }

    /// <summary>Where the function is neither constant nor at its asymptote (a little wider).</summary>
    private static (float Low, float High) NonConstantRange(DetMathFunction function) => function switch
    {
        DetMathFunction.Exp => (-105f, 90f),
        DetMathFunction.Log => (0f, float.MaxValue),
        DetMathFunction.Tanh => (-10.5f, 10.5f),
        DetMathFunction.Erf => (-4.5f, 4.5f),
        DetMathFunction.Sigmoid => (-106f, 21f),
        DetMathFunction.Silu => (-130f, 21f),
        DetMathFunction.Gelu => (-17f, 9f),
        DetMathFunction.GeluTanh => (-13f, 11f),
        DetMathFunction.Rsqrt => (0f, float.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>Maps floats to unsigned integers in the same order (negative floats below positive).</summary>
    private static uint OrderedBits(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromOrderedBits(uint ordered) =>
        BitConverter.UInt32BitsToSingle((ordered & 0x8000_0000u) != 0 ? ordered & 0x7FFF_FFFFu : ~ordered);
}
