using System;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>The canonical reduction on Vector512, Vector256 and Vector128 gives the scalar reduction's bits.</summary>
public sealed class CanonicalReductionPathTests
{
    public static TheoryData<int> Lengths => VectorPathCases.LengthData;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sum_squares_and_max_on_every_path_give_the_scalar_bits(int length)
    {
        const int Rows = 40;
        float[] values = VectorPathCases.Rows(length, Rows, seed: (ulong)length);
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> x = values.AsSpan(row * length, length);
            float center = row % 3 == 0 ? 0f : x[row % length];
            foreach (SimdPath path in VectorPathCases.Paths)
            {
                string where = $"length {length}, row {row}, {path}";
                AssertSameBits(CanonicalReduction.Sum(x), CanonicalReduction.Sum(x, path), $"Sum, {where}");
                AssertSameBits(CanonicalReduction.SumOfSquaredDeviations(x, center), CanonicalReduction.SumOfSquaredDeviations(x, center, path), $"SumOfSquaredDeviations, {where}");
                AssertSameBits(CanonicalReduction.Max(x), CanonicalReduction.Max(x, path), $"Max, {where}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(100)]
    public void Lanes_without_an_element_are_left_alone(int length)
    {
        // A filler element would change these: −0 + (+0) is +0, max(−∞ lanes, 0) is 0.
        float[] negativeZeros = new float[length];
        negativeZeros.AsSpan().Fill(-0f);
        float[] negatives = new float[length];
        negatives.AsSpan().Fill(-3f);
        foreach (SimdPath path in VectorPathCases.Paths)
        {
            AssertSameBits(-0f, CanonicalReduction.Sum(negativeZeros, path), $"sum of -0s, {path}");
            AssertSameBits(-3f, CanonicalReduction.Max(negatives, path), $"max of negatives, {path}");
            AssertSameBits(0f, CanonicalReduction.SumOfSquaredDeviations(negatives, -3f, path), $"squares of zero deviations, {path}");
        }
    }

    [Fact]
    public void Max_keeps_the_sign_of_zero_and_the_NaN_of_the_scalar_order()
    {
        // Every pattern of ±0 over lanes 0 and 16 (the first step of the tree) and lanes 0 and 32 (one lane, in order).
        float[][] rows =
        [
            [-0f, .. new float[15], 0f, .. new float[15]],
            [0f, .. Negatives(15), -0f, .. Negatives(15)],
            [-0f, .. Negatives(31), 0f],
            [0f, .. Negatives(31), -0f],
            [-1f, .. Negatives(30), float.NaN, 5f],
            [float.NaN, .. new float[40]],
        ];
        foreach (float[] row in rows)
        {
            foreach (SimdPath path in VectorPathCases.Paths)
            {
                AssertSameBits(CanonicalReduction.Max(row), CanonicalReduction.Max(row, path), $"max of a {row.Length}-value row, {path}");
            }
        }
    }

    [Fact]
    public void An_unsupported_path_is_refused_and_Auto_resolves()
    {
        float[] x = VectorPathCases.Rows(100, 1, seed: 3);
        AssertSameBits(CanonicalReduction.Sum(x), CanonicalReduction.Sum(x, SimdPath.Auto), "Auto");
        Assert.Throws<NotSupportedException>(() => CanonicalReduction.Sum(x, (SimdPath)99));
    }

    private static float[] Negatives(int count)
    {
        float[] values = new float[count];
        values.AsSpan().Fill(-2f);
        return values;
    }

    private static void AssertSameBits(float expected, float actual, string what)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            Assert.Fail($"{what}: expected {FloatBits.Describe(expected)}, got {FloatBits.Describe(actual)}.");
        }
    }
}
