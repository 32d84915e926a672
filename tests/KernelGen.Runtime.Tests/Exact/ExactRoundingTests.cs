using System;
using System.Numerics;
using Xunit;

namespace KernelGen.Runtime.Tests.Exact;

/// <summary>
/// The runtime's steps (<c>ExactArithmetic</c>) against the reference's: the final rounding (ties, subnormals,
/// overflow), the scale exponent, the quantization (ties) and the digits.
/// </summary>
public sealed class ExactRoundingTests
{
    [Theory]
    [InlineData(16777217L, 0, 16777216f)]          // 2^24 + 1: a tie, to even (down)
    [InlineData(16777219L, 0, 16777220f)]          // 2^24 + 3: a tie, to even (up)
    [InlineData(33554431L, 0, 33554432f)]          // 2^25 − 1: rounds up to the next power of two
    [InlineData(-16777217L, 0, -16777216f)]        // the same tie, negative
    [InlineData(3L, -150, 2.8025969e-45f)]         // 1.5 · 2^-149: a subnormal tie, to even (2 · 2^-149)
    [InlineData(1L, -150, 0f)]                     // 0.5 · 2^-149: a tie, to even (0)
    [InlineData(3L, -151, 1.4e-45f)]               // 0.75 · 2^-149: up to the smallest subnormal
    [InlineData(16777215L, -150, 1.17549435e-38f)] // just below 2^-126: rounds up to the smallest normal
    [InlineData(16777215L, 104, 3.40282347e+38f)]  // (2^24 − 1) · 2^104: float's largest
    [InlineData(33554431L, 103, float.PositiveInfinity)] // (2^25 − 1) · 2^103 rounds to 2^128: overflow
    [InlineData(-33554431L, 103, float.NegativeInfinity)]
    [InlineData(33554430L, 103, 3.40282347e+38f)]  // exactly float's largest
    [InlineData(1L, 200, float.PositiveInfinity)]
    [InlineData(1L, -400, 0f)]
    public void Final_rounding_of_known_values(long n, int exponent, float expected)
    {
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(ExactArithmetic.RoundScaled(n, exponent)));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(ExactReference.RoundToFloat(n, exponent)));
    }

    [Fact]
    public void Final_rounding_equals_the_reference_on_random_values()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            long n = random.NextInt64(-(1L << 57), 1L << 57) >> random.Next(0, 57);
            if ((i & 1) == 0)
            {
                n = (n | 1) << random.Next(0, 5) ^ (1L << random.Next(0, 56)); // long runs of zeros or ones below a tie
            }

            int exponent = random.Next(-340, 230);
            float expected = ExactReference.RoundToFloat(n, exponent);
            float actual = ExactArithmetic.RoundScaled(n, exponent);
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                $"{n} · 2^{exponent}: expected {expected:R}, got {actual:R}");
        }
    }

    [Fact]
    public void Scale_exponents_and_quantization_equal_the_reference()
    {
        var random = new Random(8);
        for (int i = 0; i < 200_000; i++)
        {
            float max = BitConverter.Int32BitsToSingle(random.Next(1, 0x7F80_0000));
            float value = (i % 3) switch
            {
                0 => max,
                1 => (float)(max * random.NextDouble()),
                _ => BitConverter.Int32BitsToSingle(random.Next(0, BitConverter.SingleToInt32Bits(max) + 1)),
            };
            if (random.Next(2) == 0)
            {
                value = -value;
            }

            int scale = ExactArithmetic.ScaleOf(ExactArithmetic.MagnitudeBits(max));
            Assert.Equal(ExactReference.Scale([max]), scale);
            BigInteger q = ExactReference.Quantize(value, scale);
            Assert.True(q == ExactArithmetic.Quantize(value, scale), $"{value:R} at scale {scale}: expected {q}, got {ExactArithmetic.Quantize(value, scale)}");
        }
    }

    [Theory]
    [InlineData(1.5f, 1, 805306368)]      // 1.5 · 2^29 exactly
    [InlineData(1f, 1, 536870912)]        // 2^29
    [InlineData(0.999999940f, 0, 1073741760)] // the largest float below 1: 2^30 − 64
    [InlineData(3f, 2, 805306368)]
    public void Quantization_of_known_values(float value, int scale, int expected)
    {
        Assert.Equal(scale, ExactArithmetic.ScaleOf(ExactArithmetic.MagnitudeBits(value)));
        Assert.Equal(expected, ExactArithmetic.Quantize(value, scale));
    }

    [Fact]
    public void Quantization_ties_round_to_even()
    {
        // With scale 30 + 24 = 54, q = RNE(v · 2^-24): v = 2^24·(k + 1/2) gives the ties.
        Assert.Equal(2, ExactArithmetic.Quantize(2.5f * 16777216f, 54));
        Assert.Equal(4, ExactArithmetic.Quantize(3.5f * 16777216f, 54));
        Assert.Equal(-2, ExactArithmetic.Quantize(-2.5f * 16777216f, 54));
        Assert.Equal(0, ExactArithmetic.Quantize(0.5f * 16777216f, 54));
        Assert.Equal(1, ExactArithmetic.Quantize(0.50000006f * 16777216f, 54));
    }

    [Fact]
    public void Scales_of_edge_vectors()
    {
        Assert.Equal(ExactArithmetic.ZeroScale, ExactArithmetic.ScaleOf(0));
        Assert.Equal(ExactArithmetic.NonFiniteScale, ExactArithmetic.ScaleOf(ExactArithmetic.MagnitudeBits(float.NegativeInfinity)));
        Assert.Equal(ExactArithmetic.NonFiniteScale, ExactArithmetic.ScaleOf(ExactArithmetic.MagnitudeBits(float.NaN)));
        Assert.Equal(-148, ExactArithmetic.ScaleOf(1));            // 2^-149 < 2^-148
        Assert.Equal(-126, ExactArithmetic.ScaleOf(0x7F_FFFF));    // the largest subnormal
        Assert.Equal(128, ExactArithmetic.ScaleOf(0x7F7F_FFFF));   // float's largest < 2^128
        Assert.Equal(1, ExactArithmetic.ScaleOf(ExactArithmetic.MagnitudeBits(1f))); // 1 < 2^1, not 2^0
    }

    [Fact]
    public void Digits_recompose_q_and_stay_in_range()
    {
        var random = new Random(9);
        for (int i = 0; i < 100_000; i++)
        {
            int q = i < 4 ? new[] { 1 << 30, -(1 << 30), 0, (1 << 30) - 1 }[i] : random.Next(-(1 << 30), (1 << 30) + 1);
            int rest = q;
            int[] digits = new int[4];
            for (int t = 3; t > 0; t--)
            {
                digits[t] = ExactArithmetic.LowDigit(rest);
                rest = ExactArithmetic.AboveDigit(rest, digits[t]);
            }

            digits[0] = rest;
            Assert.InRange(digits[0], -64, 64);
            Assert.Equal(q, (digits[0] << 24) + (digits[1] << 16) + (digits[2] << 8) + digits[3]);
            BigInteger[] expected = ExactReference.DigitsOf(q);
            for (int t = 0; t < 4; t++)
            {
                Assert.Equal(expected[t], digits[t]);
                Assert.Equal(digits[t], ExactArithmetic.Digit(q, t));
            }
        }
    }
}
