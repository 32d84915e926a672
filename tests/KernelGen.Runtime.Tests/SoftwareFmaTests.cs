using System;
using System.Collections.Generic;
using Xunit;
using X86Fma = System.Runtime.Intrinsics.X86.Fma;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// <see cref="SoftwareFma.Fma"/> is the exact FMA of machines without one: it must round
/// <c>a × b + c</c> once, exactly as the hardware instruction does, on every input.
/// </summary>
public sealed class SoftwareFmaTests
{
    /// <summary>Inputs per family: 4 families give 4,194,304 random cases in about a second.</summary>
    private const int RandomCasesPerFamily = 1 << 20;

    private const string NoHardwareFma = "The reference is the x86 FMA3 instruction, which this processor does not have.";

    /// <summary>IEEE-754 results worked out by hand, so they hold without an FMA to compare with.</summary>
    public static TheoryData<string, float, float, float, float> IeeeCases { get; } = new()
    {
        // Signed zeros: an exact zero sum is +0 unless both addends are -0.
        { "-0 × 3 + 0 = +0", -0f, 3f, 0f, 0f },
        { "0 × 0 + -0 = +0", 0f, 0f, -0f, 0f },
        { "-1 × 0 + -0 = -0", -1f, 0f, -0f, -0f },
        { "-0 × -0 + -0 = +0", -0f, -0f, -0f, 0f },
        { "2 × 3 - 6 = +0", 2f, 3f, -6f, 0f },
        { "-2 × 3 + 6 = +0", -2f, 3f, 6f, 0f },

        // Infinities and NaN.
        { "∞ × 0 + 1 = NaN", float.PositiveInfinity, 0f, 1f, float.NaN },
        { "0 × -∞ + 1 = NaN", 0f, float.NegativeInfinity, 1f, float.NaN },
        { "∞ × 1 - ∞ = NaN", float.PositiveInfinity, 1f, float.NegativeInfinity, float.NaN },
        { "∞ × -1 + 1 = -∞", float.PositiveInfinity, -1f, 1f, float.NegativeInfinity },
        { "max × max - ∞ = -∞", float.MaxValue, float.MaxValue, float.NegativeInfinity, float.NegativeInfinity },
        { "NaN × 1 + 1 = NaN", float.NaN, 1f, 1f, float.NaN },
        { "1 × NaN + 1 = NaN", 1f, float.NaN, 1f, float.NaN },
        { "1 × 1 + NaN = NaN", 1f, 1f, float.NaN, float.NaN },
        { "∞ × 0 + NaN = NaN", float.PositiveInfinity, 0f, float.NaN, float.NaN },

        // Overflow.
        { "max × 2 + 0 = +∞", float.MaxValue, 2f, 0f, float.PositiveInfinity },
        { "max × -2 + 0 = -∞", float.MaxValue, -2f, 0f, float.NegativeInfinity },
        { "max × 2 - max = max (the product alone would overflow)", float.MaxValue, 2f, -float.MaxValue, float.MaxValue },
        { "max + half an ulp ties to even: +∞", float.MaxValue, 1f, FloatBits.PowerOfTwo(103), float.PositiveInfinity },
        { "-max - half an ulp ties to even: -∞", float.MaxValue, -1f, -FloatBits.PowerOfTwo(103), float.NegativeInfinity },
        { "max + just under half an ulp = max", float.MaxValue, 1f, FloatBits.FromBits(0x72FF_FFFF), float.MaxValue },

        // Subnormals and underflow: no flush to zero.
        { "2^-149 × 0.5 = 2^-150 ties to even: +0", float.Epsilon, 0.5f, 0f, 0f },
        { "-2^-149 × 0.5 = -2^-150 ties to even: -0", -float.Epsilon, 0.5f, 0f, -0f },
        { "2^-149 × 0.75 rounds up to 2^-149", float.Epsilon, 0.75f, 0f, float.Epsilon },
        { "2^-149 × 1.5 ties to even: 2^-148", float.Epsilon, 1.5f, 0f, FloatBits.PowerOfTwo(-148) },
        { "2^-149 × 2^-149 underflows to +0", float.Epsilon, float.Epsilon, 0f, 0f },
        { "-2^-149 × 2^-149 underflows to -0", -float.Epsilon, float.Epsilon, 0f, -0f },
        { "2^-149 × 2^-149 + 2^-149 = 2^-149", float.Epsilon, float.Epsilon, float.Epsilon, float.Epsilon },
        { "2^-126 × 0.5 = 2^-127, an exact subnormal", FloatBits.PowerOfTwo(-126), 0.5f, 0f, FloatBits.PowerOfTwo(-127) },
        { "2^-126 × (1 - 2^-24) ties to even: 2^-126", FloatBits.PowerOfTwo(-126), FloatBits.FromBits(0x3F7F_FFFF), 0f, FloatBits.PowerOfTwo(-126) },

        // Double rounding: the exact sum is within a quarter ulp of double from a float midpoint, so
        // rounding it to double first gives the midpoint, and ties-to-even then goes the wrong way.
        { "1 + 2^-24 + 2^-54 rounds up to 1 + 2^-23", 1025f / 1024f, 1047553f * FloatBits.PowerOfTwo(-44), 1f, FloatBits.FromBits(0x3F80_0001) },
        {
            "1 + 2^-23 + 2^-24 - 2^-54 rounds down to 1 + 2^-23",
            1f + FloatBits.PowerOfTwo(-15), (1f - FloatBits.PowerOfTwo(-15)) * FloatBits.PowerOfTwo(-24), FloatBits.FromBits(0x3F80_0001), FloatBits.FromBits(0x3F80_0001)
        },
    };

    [Theory]
    [MemberData(nameof(IeeeCases))]
    public void Fma_FollowsIeee754(string rule, float a, float b, float c, float expected)
    {
        float actual = SoftwareFma.Fma(a, b, c);

        Assert.True(
            FloatBits.SameBits(expected, actual),
            $"{rule}: {new FmaInput(a, b, c)} gave {FloatBits.Describe(actual)}, expected {FloatBits.Describe(expected)}.");
    }

    [Fact]
    public void Fma_DoubleRoundingCases_DefeatTheNaiveDoublePath()
    {
        // The two double-rounding cases above are only worth having if rounding a*b + c to double and
        // then to float gets them wrong.
        float roundedUp = (float)(((double)(1025f / 1024f) * (1047553f * FloatBits.PowerOfTwo(-44))) + 1f);
        float roundedDown = (float)(((double)(1f + FloatBits.PowerOfTwo(-15)) * ((1f - FloatBits.PowerOfTwo(-15)) * FloatBits.PowerOfTwo(-24))) + FloatBits.FromBits(0x3F80_0001));

        Assert.Equal(0x3F80_0000u, BitConverter.SingleToUInt32Bits(roundedUp));
        Assert.Equal(0x3F80_0002u, BitConverter.SingleToUInt32Bits(roundedDown));
    }

    [Fact]
    public void Fma_MatchesHardware_OnEveryTripleOfSpecialValues()
    {
        Assert.SkipUnless(X86Fma.IsSupported, NoHardwareFma);

        var mismatches = new MismatchLog();
        IReadOnlyList<float> values = FmaInputs.SpecialValues;
        foreach (float a in values)
        {
            foreach (float b in values)
            {
                foreach (float c in values)
                {
                    mismatches.Check(new FmaInput(a, b, c));
                }
            }
        }

        mismatches.AssertNone(values.Count * values.Count * values.Count);
    }

    [Theory]
    [InlineData(FmaInputFamily.RandomBits)]
    [InlineData(FmaInputFamily.AlignedExponents)]
    [InlineData(FmaInputFamily.Cancellation)]
    [InlineData(FmaInputFamily.NearMidpoint)]
    public void Fma_MatchesHardware_OnRandomInputs(FmaInputFamily family)
    {
        Assert.SkipUnless(X86Fma.IsSupported, NoHardwareFma);

        var random = new PhiloxRandom(seed: 0xF3A_2024, stream: (ulong)family);
        var mismatches = new MismatchLog();
        for (int i = 0; i < RandomCasesPerFamily; i++)
        {
            mismatches.Check(FmaInputs.Next(random, family));
        }

        mismatches.AssertNone(RandomCasesPerFamily);
        if (family == FmaInputFamily.NearMidpoint)
        {
            // The family exists to catch double rounding: a naive (float)(a * b + c in double) must fail on it.
            Assert.True(
                mismatches.NaiveDoubleFailures > RandomCasesPerFamily / 100,
                $"Only {mismatches.NaiveDoubleFailures} of {RandomCasesPerFamily} near-midpoint inputs defeat the naive double path.");
        }
    }

    /// <summary>Compares the software FMA with the hardware one and keeps the first few differences.</summary>
    private sealed class MismatchLog
    {
        private const int Shown = 10;
        private readonly List<string> _first = [];

        public int Count { get; private set; }

        public int NaiveDoubleFailures { get; private set; }

        public void Check(FmaInput input)
        {
            float expected = MathF.FusedMultiplyAdd(input.A, input.B, input.C);
            float actual = SoftwareFma.Fma(input.A, input.B, input.C);
            if (!FloatBits.SameBits(expected, actual))
            {
                if (Count++ < Shown)
                {
                    _first.Add($"{input} = {FloatBits.Describe(expected)}, software gave {FloatBits.Describe(actual)}");
                }
            }

            float naive = (float)(((double)input.A * input.B) + input.C);
            if (!FloatBits.SameBits(expected, naive))
            {
                NaiveDoubleFailures++;
            }
        }

        public void AssertNone(int total)
        {
            if (Count > 0)
            {
                Assert.Fail($"{Count} of {total} inputs differ from the hardware FMA; the first {_first.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, _first)}");
            }
        }
    }
}
