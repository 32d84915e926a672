using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics.Arm;
using Xunit;
using X86Fma = System.Runtime.Intrinsics.X86.Fma;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// <see cref="DetMath.Fma"/> is the single rounding of every canonical dot product;
/// <see cref="DetMath.MulAdd(float, float, float)"/> is the deliberately unfused pair of roundings.
/// </summary>
public sealed class DetMathTests
{
    private const int RandomCasesPerFamily = 1 << 16;

    [Fact]
    public void IsHardwareFma_ReportsWhetherTheProcessorHasAnFmaInstruction()
    {
        Assert.Equal(X86Fma.IsSupported || AdvSimd.IsSupported, DetMath.IsHardwareFma);
    }

    [Fact]
    public void Fma_MatchesTheHardwareInstruction()
    {
        Assert.SkipUnless(X86Fma.IsSupported, "The reference is the x86 FMA3 instruction, which this processor does not have.");

        var inputs = new List<FmaInput>();
        foreach (float a in FmaInputs.SpecialValues)
        {
            foreach (float b in FmaInputs.SpecialValues)
            {
                foreach (float c in FmaInputs.SpecialValues)
                {
                    inputs.Add(new FmaInput(a, b, c));
                }
            }
        }

        var random = new PhiloxRandom(seed: 0xDE7_3A7);
        foreach (FmaInputFamily family in Enum.GetValues<FmaInputFamily>())
        {
            for (int i = 0; i < RandomCasesPerFamily; i++)
            {
                inputs.Add(FmaInputs.Next(random, family));
            }
        }

        foreach (FmaInput input in inputs)
        {
            float expected = MathF.FusedMultiplyAdd(input.A, input.B, input.C);
            float actual = DetMath.Fma(input.A, input.B, input.C);
            Assert.True(
                FloatBits.SameBits(expected, actual),
                $"{input} = {FloatBits.Describe(expected)}, DetMath.Fma gave {FloatBits.Describe(actual)}.");
        }
    }

    [Fact]
    public void MulAdd_RoundsTheProductAndThenTheSum()
    {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 exactly. Rounded to float it is 1 + 2^-11 (a tie, to even),
        // so subtracting 1 + 2^-11 leaves 0 with two roundings and 2^-24 with one.
        float a = 1f + FloatBits.PowerOfTwo(-12);
        float c = -(1f + FloatBits.PowerOfTwo(-11));

        float unfused = DetMath.MulAdd(a, a, c);
        float fused = DetMath.Fma(a, a, c);

        Assert.Equal(0u, BitConverter.SingleToUInt32Bits(unfused));
        Assert.Equal(FloatBits.PowerOfTwo(-24), fused);
    }

    [Fact]
    public void MulAdd_Double_RoundsTheProductAndThenTheSum()
    {
        // The same construction one precision up: (1 + 2^-27)^2 = 1 + 2^-26 + 2^-54, so a single
        // rounding would leave 2^-54; two leave +0.
        double a = 1.0 + Math.ScaleB(1.0, -27);
        double c = -(1.0 + Math.ScaleB(1.0, -26));

        double unfused = DetMath.MulAdd(a, a, c);

        Assert.Equal(0ul, BitConverter.DoubleToUInt64Bits(unfused));
    }
}
