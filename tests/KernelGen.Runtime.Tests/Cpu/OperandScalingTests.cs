using System;
using System.Linq;
using KernelGen.Runtime.Tests.Fusion;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// The CPU Linear kernels' exact operand scaling (weights packed as w·2⁻²⁴, input rows multiplied by 2²⁴):
/// every output must keep the bits of the canonical chain written out here from docs/arithmetic.md, on
/// every SIMD path and thread count, with subnormal inputs, with inputs too large to scale (the unscaled
/// fallback) and with weights too small to scale (unscaled panels).
/// </summary>
public sealed class OperandScalingTests
{
    private const int Rows = 37; // 6 + 6 + … + 1: every row-tile height, several blocks on 3 threads

    public static TheoryData<SimdPath, int> PathsAndThreads()
    {
        var data = new TheoryData<SimdPath, int>();
        foreach (SimdPath path in new[] { SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256, SimdPath.Vector512 }.Where(SimdPaths.IsSupported))
        {
            data.Add(path, 1);
            data.Add(path, 3);
        }

        return data;
    }

    [Fact]
    public void OrdinaryWeights_AreScaled_AndTinyWeights_AreNot()
    {
        var ordinary = Layer(new Square64x300(), weightScale: 1f);
        var tiny = Layer(new Square64x300(), weightScale: 1f);
        float[] weight = tiny.Weight.ToArray();
        weight[123] = 1e-35f; // below 2^-102: its scaled copy would lose bits
        tiny.SetParameters(weight, tiny.Bias);

        ordinary.Forward(new float[64]);
        tiny.Forward(new float[64]);

        Assert.True(ordinary.CpuOperandsScaled);
        Assert.False(tiny.CpuOperandsScaled);
    }

    [Theory]
    [MemberData(nameof(PathsAndThreads))]
    public void SubnormalInputs_GiveTheCanonicalChainsBits(SimdPath path, int threads)
    {
        var layer = Layer(new Square64x300(), weightScale: 1f);
        float[] input = Inputs(Rows * 64, seed: 3);

        AssertCanonical(layer, input, path, threads, expectScaled: true);
    }

    [Theory]
    [MemberData(nameof(PathsAndThreads))]
    public void ChainsThatStartSubnormal_KeepTheirRounding(SimdPath path, int threads)
    {
        // Rows whose first inputs are all subnormal: the accumulator itself is subnormal for a while, where
        // a scaled accumulator would round differently; scaling the weights instead keeps every product.
        var layer = Layer(new Square64x300(), weightScale: 1f);
        float[] input = Inputs(Rows * 64, seed: 4);
        for (int row = 0; row < Rows; row++)
        {
            for (int k = 0; k < 20; k++)
            {
                input[(row * 64) + k] = BitConverter.Int32BitsToSingle((row * 7919) + (k * 104729) + 1) * ((k & 1) == 0 ? 1 : -1);
            }
        }

        Assert.Contains(input, float.IsSubnormal);
        AssertCanonical(layer, input, path, threads, expectScaled: true);
    }

    [Theory]
    [MemberData(nameof(PathsAndThreads))]
    public void InputsTooLargeToScale_RunTheUnscaledChain(SimdPath path, int threads)
    {
        var layer = Layer(new Square64x300(), weightScale: 1f);
        float[] input = Inputs(Rows * 64, seed: 5);
        input[(17 * 64) + 9] = 3e33f;  // ≥ 2^104: x·2^24 would overflow
        input[(30 * 64) + 1] = -1e38f;
        input[(2 * 64) + 5] = float.PositiveInfinity; // scales to itself: no fallback needed for it

        AssertCanonical(layer, input, path, threads, expectScaled: true);
    }

    [Theory]
    [MemberData(nameof(PathsAndThreads))]
    public void TinyWeights_RunUnscaled_WithTheSameBits(SimdPath path, int threads)
    {
        var layer = Layer(new Square64x300(), weightScale: 1e-31f); // ≈ 2^-103: below what scales exactly
        float[] input = Inputs(Rows * 64, seed: 6);

        AssertCanonical(layer, input, path, threads, expectScaled: false);
    }

    [Theory]
    [MemberData(nameof(PathsAndThreads))]
    public void FusedActivation_FollowsTheFallbackToo(SimdPath path, int threads)
    {
        var layer = Layer(new Gelu7x100(), weightScale: 1f);
        float[] input = Inputs(Rows * 7, seed: 7);
        input[(11 * 7) + 3] = 5e32f;

        float[] expected = Canonical(layer, input);
        ActivationKernels.Apply(SimdPath.Scalar, ActivationFunction.Gelu, expected);
        float[] actual = layer.Forward(input, new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads });

        Assert.True(layer.CpuOperandsScaled);
        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Fact]
    public void TryScaleUp_RefusesOnlyFiniteValuesThatWouldOverflow()
    {
        var scaled = new float[5];
        Assert.True(CpuOperandScaling.TryScaleUp([float.Epsilon, -0f, float.NaN, float.NegativeInfinity, 1.9e31f], scaled));
        Assert.Equal(Bits([float.Epsilon * CpuOperandScaling.Up, -0f, float.NaN, float.NegativeInfinity, 1.9e31f * CpuOperandScaling.Up]), Bits(scaled));
        Assert.False(CpuOperandScaling.TryScaleUp([1f, 2.1e31f], new float[2]));
        Assert.False(CpuOperandScaling.TryScaleUp(Enumerable.Repeat(1f, 40).Append(-float.MaxValue).ToArray(), new float[41]));
    }

    [Fact]
    public void WideLayers_ScaleTheirRowsInPasses_AndAPassThatCannotScale_RunsUnscaled()
    {
        // 20000 inputs: 26 rows fit the scratch, so passes of 24 rows; 40 rows make two passes on one thread, and a
        // value too large to scale in row 30 sends only the second pass down the unscaled chain.
        Assert.Equal(24, CpuOperandScaling.RowsPerPass(20_000));
        Assert.Equal(120, CpuOperandScaling.RowsPerPass(4096)); // more than a block's 96 rows: one pass
        Assert.Equal(1, CpuOperandScaling.RowsPerPass(1 << 20));
        var layer = Layer(new WideInput20000(), weightScale: 1f);
        float[] input = Inputs(40 * 20_000, seed: 9);
        input[(30 * 20_000) + 7] = 3e31f;

        AssertCanonical(layer, input, SimdPath.Auto, threads: 1, expectScaled: true);
    }

    private static void AssertCanonical(LinearLayer layer, float[] input, SimdPath path, int threads, bool expectScaled)
    {
        float[] actual = layer.Forward(input, new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads });

        Assert.Equal(expectScaled, layer.CpuOperandsScaled);
        Assert.Equal(Bits(Canonical(layer, input)), Bits(actual));
    }

    /// <summary>docs/arithmetic.md, rule 1, written out: acc = fma(x[k], W[j, k], acc) for k ascending, then the bias once.</summary>
    private static float[] Canonical(LinearLayer layer, float[] input)
    {
        int inFeatures = layer.InFeatures, outFeatures = layer.OutFeatures, rows = input.Length / inFeatures;
        ReadOnlySpan<float> weight = layer.Weight, bias = layer.Bias;
        var output = new float[rows * outFeatures];
        for (int row = 0; row < rows; row++)
        {
            for (int j = 0; j < outFeatures; j++)
            {
                float acc = 0f;
                for (int k = 0; k < inFeatures; k++)
                {
                    acc = DetMath.Fma(input[(row * inFeatures) + k], weight[(j * inFeatures) + k], acc);
                }

                float value = layer.HasBias ? acc + bias[j] : acc;
                output[(row * outFeatures) + j] = DetMath.CanonicalizeNaN(value);
            }
        }

        return output;
    }

    private static T Layer<T>(T layer, float weightScale)
        where T : LinearLayer
    {
        var weight = new float[layer.Weight.Length];
        var bias = new float[layer.Bias.Length];
        new PhiloxRandom(2024, 0).FillNormal(weight, 0f, 0.2f);
        new PhiloxRandom(2024, 1).FillNormal(bias, 0f, 0.2f);
        layer.SetParameters(weight.Select(w => w * weightScale).ToArray(), bias);
        return layer;
    }

    /// <summary>Correctly rounded GELU of N(0, 5.5) draws, as the residual stack's second Linear sees them: 0.4 % subnormal.</summary>
    private static float[] Inputs(int length, ulong seed)
    {
        var values = new float[length];
        new PhiloxRandom(seed, 0).FillNormal(values, 0f, 5.5f);
        ActivationKernels.Apply(SimdPath.Scalar, ActivationFunction.Gelu, values);
        for (int i = 0; i < length; i += 97)
        {
            values[i] = BitConverter.Int32BitsToSingle(i + 1); // at least a few subnormals whatever the draws
        }

        return values;
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}

/// <summary>A layer wide enough that a block's rows are scaled in several passes.</summary>
[Linear(20_000, 3)]
public sealed partial class WideInput20000;
