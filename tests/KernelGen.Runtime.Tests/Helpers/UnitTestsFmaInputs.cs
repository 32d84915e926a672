using System;
using System.Collections.Generic;

namespace KernelGen.Runtime.Tests;

/// <summary>One fused multiply-add input: <c>A × B + C</c>.</summary>
internal readonly record struct FmaInput(float A, float B, float C)
{
    public override string ToString() =>
        $"fma({FloatBits.Describe(A)}, {FloatBits.Describe(B)}, {FloatBits.Describe(C)})";
}

/// <summary>The families of random inputs FmaInputs.Next draws from (public: it is a theory argument).</summary>
public enum FmaInputFamily
{
    /// <summary>Three uniformly random bit patterns: every class of float, mostly far-apart exponents.</summary>
    RandomBits,

    /// <summary>
    /// Random significands with exponents chosen so that the product and the addend are of similar
    /// size, anywhere from below the subnormal range to past overflow.
    /// </summary>
    AlignedExponents,

    /// <summary>The addend is minus the rounded product, moved by up to 3 ulps: massive cancellation.</summary>
    Cancellation,

    /// <summary>
    /// The product is half an ulp of the addend, exactly or moved by a few ulps of double or less:
    /// the exact result lies at, or just beside, the midpoint between two floats.
    /// </summary>
    NearMidpoint,
}

/// <summary>Deterministic fused multiply-add inputs that reach every rounding path of a float FMA.</summary>
internal static class FmaInputs
{
    /// <summary>Special and boundary floats; every triple of them is a test case.</summary>
    public static IReadOnlyList<float> SpecialValues { get; } =
    [
        0f, -0f, 1f, -1f, 0.5f, -2f, 3f,
        FloatBits.FromBits(0x3F80_0001), // 1 + 2^-23
        FloatBits.FromBits(0x3F7F_FFFF), // 1 - 2^-24
        float.Epsilon, -float.Epsilon, 1.5f * float.Epsilon,
        FloatBits.FromBits(0x007F_FFFF), // the largest subnormal
        FloatBits.FromBits(0x0080_0000), // the smallest normal
        -FloatBits.FromBits(0x0080_0000),
        FloatBits.PowerOfTwo(-64), FloatBits.PowerOfTwo(64), FloatBits.PowerOfTwo(103), // 2^103: half an ulp of MaxValue
        float.MaxValue, -float.MaxValue,
        FloatBits.FromBits(0x7F7F_FFFE), // MaxValue - ulp
        float.PositiveInfinity, float.NegativeInfinity,
        float.NaN,
        FloatBits.FromBits(0xFFC0_0001), // a negative quiet NaN with a payload
    ];

    /// <summary>
    /// Pairs of 24-bit integers whose product is <c>2^n</c> or <c>2^n ± 1</c>: scaled to half an ulp
    /// of the addend, they put the exact sum at a float midpoint or <c>2^-n</c> of it away.
    /// </summary>
    /// <remarks>
    /// With n = 28 the exact sum is one ulp of double from the midpoint; with n ≥ 30 it is closer than
    /// that, so rounding it to double first lands on the midpoint and the second rounding goes the
    /// wrong way: the classic double-rounding error a software FMA must avoid.
    /// </remarks>
    public static IReadOnlyList<(int A, int B, int N)> MidpointFactorPairs { get; } =
    [
        (1, 1, 0),                 // 2^0: exactly the midpoint
        (8191, 8193, 26),          // 2^26 - 1
        (513, 261633, 27),         // 2^27 + 1 = (2^9 + 1)(2^18 - 2^9 + 1)
        (17, 15790321, 28),        // 2^28 + 1
        (16383, 16385, 28),        // 2^28 - 1
        (1025, 1047553, 30),       // 2^30 + 1 = (2^10 + 1)(2^20 - 2^10 + 1)
        (32767, 32769, 30),        // 2^30 - 1
        (2049, 4192257, 33),       // 2^33 + 1 = (2^11 + 1)(2^22 - 2^11 + 1)
        (4097, 16773121, 36),      // 2^36 + 1 = (2^12 + 1)(2^24 - 2^12 + 1)
        (8388607, 8388609, 46),    // 2^46 - 1
    ];

    /// <summary>Draws one input of <paramref name="family"/> from <paramref name="random"/>.</summary>
    public static FmaInput Next(PhiloxRandom random, FmaInputFamily family) => family switch
    {
        FmaInputFamily.RandomBits => new FmaInput(
            FloatBits.FromBits(random.NextUInt32()), FloatBits.FromBits(random.NextUInt32()), FloatBits.FromBits(random.NextUInt32())),
        FmaInputFamily.AlignedExponents => NextAligned(random),
        FmaInputFamily.Cancellation => NextCancellation(random),
        FmaInputFamily.NearMidpoint => NextNearMidpoint(random),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    private static FmaInput NextAligned(PhiloxRandom random)
    {
        // The exponent of the product, from where it vanishes below the subnormals to past overflow.
        int productExponent = random.Next(-170, 131);
        (float a, float b) = NextFactors(random, productExponent);
        int addendField = Math.Clamp(productExponent + 127 + random.Next(-30, 31), 0, 254);
        float c = FloatBits.FromFields(NextBool(random), addendField, random.NextUInt32());
        return new FmaInput(a, b, c);
    }

    private static FmaInput NextCancellation(PhiloxRandom random)
    {
        (float a, float b) = NextFactors(random, random.Next(-150, 129));
        float c = -(float)((double)a * b);
        for (int step = random.Next(-3, 4); step != 0; step -= Math.Sign(step))
        {
            c = step > 0 ? MathF.BitIncrement(c) : MathF.BitDecrement(c);
        }

        return new FmaInput(a, b, c);
    }

    private static FmaInput NextNearMidpoint(PhiloxRandom random)
    {
        // c: any finite float, subnormals included; the product is about ulp(c) / 2.
        float c = FloatBits.FromFields(NextBool(random), random.Next(0, 255), random.NextUInt32());
        (int factorA, int factorB, int n) = MidpointFactorPairs[random.Next(MidpointFactorPairs.Count)];

        // A · 2^x · B · 2^y = ulp(c) / 2 · (A · B / 2^n), so x + y = log2(ulp(c)) - 1 - n.
        int total = Math.ILogB(FloatBits.UnitInLastPlace(c)) - 1 - n;
        int x = ChooseSplit(random, factorA, factorB, total);
        float a = (float)Math.ScaleB(factorA, x);
        float b = (float)Math.ScaleB(factorB, total - x);
        return new FmaInput(NextBool(random) ? -a : a, NextBool(random) ? -b : b, c);
    }

    // Random significands (all 24 bits) whose exponents add up to productExponent, each factor kept
    // a normal float where that is possible.
    private static (float A, float B) NextFactors(PhiloxRandom random, int productExponent)
    {
        int low = Math.Max(-126, productExponent - 127);
        int high = Math.Min(127, productExponent + 126);
        int exponentA = low <= high ? random.Next(low, high + 1) : Math.Clamp(productExponent / 2, -126, 127);
        int fieldB = Math.Clamp(productExponent - exponentA + 127, 0, 254);
        float a = FloatBits.FromFields(NextBool(random), exponentA + 127, random.NextUInt32());
        float b = FloatBits.FromFields(NextBool(random), fieldB, random.NextUInt32());
        return (a, b);
    }

    // A power of two x such that factorA · 2^x and factorB · 2^(total - x) are both normal floats,
    // or the nearest split when no such x exists (the factors then round: still a valid input).
    private static int ChooseSplit(PhiloxRandom random, int factorA, int factorB, int total)
    {
        int bitsA = 32 - int.LeadingZeroCount(factorA);
        int bitsB = 32 - int.LeadingZeroCount(factorB);

        // factor · 2^e lies in [2^(e + bits - 1), 2^(e + bits)): normal when e + bits - 1 ≥ -126
        // and e + bits ≤ 128. Solve for e = x (factor A) and e = total - x (factor B).
        int low = Math.Max(-125 - bitsA, total - 128 + bitsB);
        int high = Math.Min(128 - bitsA, total + 125 + bitsB);
        return low <= high ? random.Next(low, high + 1) : (low + high) / 2;
    }

    private static bool NextBool(PhiloxRandom random) => (random.NextUInt32() & 1) != 0;
}
