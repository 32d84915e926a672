using System;
using System.Runtime.Intrinsics;
using KernelGen.DetMathChecks;
using Xunit;
using Pair128 = KernelGen.PairedWidth<KernelGen.SimdWidth128, System.Runtime.Intrinsics.Vector128<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector128<double>>>;
using Pair256 = KernelGen.PairedWidth<KernelGen.SimdWidth256, System.Runtime.Intrinsics.Vector256<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector256<double>>>;
using Pair512 = KernelGen.PairedWidth<KernelGen.SimdWidth512, System.Runtime.Intrinsics.Vector512<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector512<double>>>;

namespace KernelGen.Runtime.Tests.Simd;

/// <summary>
/// The two tests the vector GELU runs outside double arithmetic, on every width and on the pair of vectors:
/// <see cref="ISimdWidth{TFloat, TDouble}.MagnitudeBelow"/> (the central-range and tiny-input tests on the float
/// lanes) and <see cref="ISimdWidth{TFloat, TDouble}.LessBits"/> (the signed comparison that ends the
/// float-midpoint test), against the scalar comparisons they stand for.
/// </summary>
public sealed class SimdWidthBitTests
{
    /// <summary>Values around the two bounds GELU uses (3 and 2^-100), signed zeros, infinities and NaNs.</summary>
    private static readonly float[] MagnitudeInputs =
    [
        3f, -3f, MathF.BitDecrement(3f), -MathF.BitDecrement(3f), MathF.BitIncrement(3f), 0f, -0f, float.NaN,
        -float.NaN, float.PositiveInfinity, float.NegativeInfinity, 7.888609e-31f, -7.888609e-31f,
        MathF.BitDecrement(7.888609e-31f), -MathF.BitDecrement(7.888609e-31f), float.Epsilon, 1f, -2.5f,
        BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001u)), 1e30f, -1e-30f,
    ];

    /// <summary>Bounds and bit patterns on both sides of them, negative patterns (sign bit set) included.</summary>
    private static readonly long[] BitBounds = [0, 1, (2 * 131072) + 1, (2 * 4096) + 1, 1L << 29, long.MaxValue, long.MinValue + 1, -5];

    /// <summary>Every vector width, alone and as a pair of vectors (<see cref="PairedWidth{TWidth, TFloat, TDouble}"/>).</summary>
    public static TheoryData<SimdPath, bool> Widths()
    {
        var data = new TheoryData<SimdPath, bool>();
        foreach (SimdPath width in VectorAgreement.Widths)
        {
            data.Add(width, false);
            data.Add(width, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MagnitudeBelow_sets_the_lanes_whose_magnitude_is_below_the_bound(SimdPath width, bool paired)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(width), $"{width} does not run on this processor.");
        foreach (float bound in new[] { 3f, 7.888609e-31f })
        {
            for (int offset = 0; offset < MagnitudeInputs.Length; offset++)
            {
                float[] lanes = LanesFrom(offset, VectorAgreement.Lanes(width, paired));
                uint expected = 0;
                for (int lane = 0; lane < lanes.Length; lane++)
                {
                    expected |= MathF.Abs(lanes[lane]) < bound ? 1u << lane : 0u;
                }

                Assert.Equal(expected, MagnitudeBelow(width, paired, lanes, bound));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LessBits_compares_the_lane_bits_as_signed_integers(SimdPath width, bool paired)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(width), $"{width} does not run on this processor.");
        uint all = (uint)((1UL << VectorAgreement.Lanes(width, paired)) - 1);
        foreach (long bound in BitBounds)
        {
            foreach (long pattern in new[] { bound - 1, bound, bound + 1, 0, -1, long.MinValue, long.MaxValue, 0x1FFF_FFFF })
            {
                double lane = BitConverter.Int64BitsToDouble(pattern);
                Assert.True(
                    (pattern < bound ? all : 0u) == LessBits(width, paired, lane, bound),
                    $"{width}{(paired ? " pair" : "")}: bits 0x{pattern:X16} against {bound}");
            }
        }
    }

    private static float[] LanesFrom(int offset, int count)
    {
        var lanes = new float[count];
        for (int lane = 0; lane < count; lane++)
        {
            lanes[lane] = MagnitudeInputs[(offset + lane) % MagnitudeInputs.Length];
        }

        return lanes;
    }

    private static uint MagnitudeBelow(SimdPath width, bool paired, float[] lanes, float bound) => (width, paired) switch
    {
        (SimdPath.Vector128, false) => SimdWidth128.MagnitudeBelow(Vector128.Create(lanes), bound),
        (SimdPath.Vector256, false) => SimdWidth256.MagnitudeBelow(Vector256.Create(lanes), bound),
        (SimdPath.Vector512, false) => SimdWidth512.MagnitudeBelow(Vector512.Create(lanes), bound),
        (SimdPath.Vector128, true) => Pair128.MagnitudeBelow(new(Vector128.Create(lanes, 0), Vector128.Create(lanes, 4)), bound),
        (SimdPath.Vector256, true) => Pair256.MagnitudeBelow(new(Vector256.Create(lanes, 0), Vector256.Create(lanes, 8)), bound),
        _ => Pair512.MagnitudeBelow(new(Vector512.Create(lanes, 0), Vector512.Create(lanes, 16)), bound),
    };

    private static uint LessBits(SimdPath width, bool paired, double lane, long bound) => (width, paired) switch
    {
        (SimdPath.Vector128, false) => SimdWidth128.MaskBits(SimdWidth128.LessBits(SimdWidth128.Create(lane), bound)),
        (SimdPath.Vector256, false) => SimdWidth256.MaskBits(SimdWidth256.LessBits(SimdWidth256.Create(lane), bound)),
        (SimdPath.Vector512, false) => SimdWidth512.MaskBits(SimdWidth512.LessBits(SimdWidth512.Create(lane), bound)),
        (SimdPath.Vector128, true) => Pair128.MaskBits(Pair128.LessBits(Pair128.Create(lane), bound)),
        (SimdPath.Vector256, true) => Pair256.MaskBits(Pair256.LessBits(Pair256.Create(lane), bound)),
        _ => Pair512.MaskBits(Pair512.LessBits(Pair512.Create(lane), bound)),
    };
}
