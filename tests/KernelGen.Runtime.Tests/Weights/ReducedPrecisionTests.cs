using System;
using Xunit;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>
/// The 16-bit conversions: widening is exact for every pattern; narrowing is round-to-nearest-even,
/// checked against .NET's double → Half conversion and against a bfloat16 reference written here.
/// </summary>
public sealed class ReducedPrecisionTests
{
    [Fact]
    public void HalfWidening_IsExact_ForEveryPattern()
    {
        for (int i = 0; i < 65536; i++)
        {
            Half half = BitConverter.UInt16BitsToHalf((ushort)i);
            float widened = ReducedPrecision.HalfBitsToSingle((ushort)i);
            if (Half.IsNaN(half))
            {
                Assert.True(float.IsNaN(widened));
                Assert.Equal((uint)(i & 0x3FF) << 13, BitConverter.SingleToUInt32Bits(widened) & 0x7F_FFFF); // payload kept
            }
            else
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)half), BitConverter.SingleToUInt32Bits(widened));
            }

            Assert.Equal((ushort)i, ReducedPrecision.SingleToHalfBits(widened));
        }
    }

    [Fact]
    public void BFloat16Widening_IsTheHighHalfOfTheFloat32Bits()
    {
        for (int i = 0; i < 65536; i++)
        {
            float widened = ReducedPrecision.BFloat16BitsToSingle((ushort)i);
            Assert.Equal((uint)i << 16, BitConverter.SingleToUInt32Bits(widened));
            Assert.Equal((ushort)i, ReducedPrecision.SingleToBFloat16Bits(widened));
        }
    }

    [Fact]
    public void HalfNarrowing_MatchesDotNetsRoundToNearestEven_AtEveryMidpointAndNearIt()
    {
        // Every midpoint between adjacent halves, and the floats just below and above it.
        for (int i = 0; i < 0x7C00; i++)
        {
            double low = (double)BitConverter.UInt16BitsToHalf((ushort)i);
            double high = i == 0x7BFF ? 65536 : (double)BitConverter.UInt16BitsToHalf((ushort)(i + 1));
            float midpoint = (float)((low + high) / 2); // exact: 12 significant bits
            foreach (float x in new[] { midpoint, MathF.BitDecrement(midpoint), MathF.BitIncrement(midpoint), (float)low })
            {
                AssertHalf(x);
                AssertHalf(-x);
            }
        }
    }

    [Fact]
    public void HalfNarrowing_MatchesDotNet_OnRandomFloats()
    {
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            float x = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            if (!float.IsNaN(x))
            {
                AssertHalf(x);
            }
        }
    }

    [Fact]
    public void BFloat16Narrowing_RoundsToNearestEven()
    {
        var random = new Random(13);
        for (int i = 0; i < 200_000; i++)
        {
            uint bits = i < 1000 ? (uint)((i << 16) | 0x8000) : (uint)random.NextInt64(0, 1L << 32); // ties first
            float x = BitConverter.UInt32BitsToSingle(bits);
            if (float.IsNaN(x))
            {
                Assert.True(float.IsNaN(ReducedPrecision.BFloat16BitsToSingle(ReducedPrecision.SingleToBFloat16Bits(x))));
                continue;
            }

            Assert.Equal(ReferenceBFloat16(x), ReducedPrecision.SingleToBFloat16Bits(x));
        }
    }

    [Fact]
    public void Narrowing_KeepsNaNsNaN_AndTheirSigns()
    {
        float nanWithLowPayload = BitConverter.UInt32BitsToSingle(0xFF80_0001); // payload only in bits a half drops
        Assert.Equal(0xFE00, ReducedPrecision.SingleToHalfBits(nanWithLowPayload));
        Assert.Equal(0xFFC0, ReducedPrecision.SingleToBFloat16Bits(nanWithLowPayload));
        Assert.Equal(0x7E00, ReducedPrecision.SingleToHalfBits(BitConverter.UInt32BitsToSingle(0x7FC0_0000)));
    }

    private static void AssertHalf(float x)
    {
        ushort expected = BitConverter.HalfToUInt16Bits((Half)(double)x); // one rounding from the exact value
        Assert.True(expected == ReducedPrecision.SingleToHalfBits(x), $"{x:R} (0x{BitConverter.SingleToUInt32Bits(x):X8}): expected 0x{expected:X4}, got 0x{ReducedPrecision.SingleToHalfBits(x):X4}");
    }

    /// <summary>The nearer of the two bfloat16 neighbours of x (by magnitude), the even one on a tie.</summary>
    private static ushort ReferenceBFloat16(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        uint down = bits & 0xFFFF_0000;
        uint up = down + 0x1_0000;
        double distanceDown = Math.Abs((double)x - BitConverter.UInt32BitsToSingle(down));
        double upValue = (up & 0x7FFF_FFFF) >= 0x7F80_0000 ? Math.CopySign(Math.Pow(2, 128), x) : BitConverter.UInt32BitsToSingle(up);
        double distanceUp = Math.Abs(upValue - x);
        if (distanceDown != distanceUp)
        {
            return (ushort)((distanceDown < distanceUp ? down : up) >> 16);
        }

        return (ushort)(((down >> 16) & 1) == 0 ? down >> 16 : up >> 16);
    }
}
