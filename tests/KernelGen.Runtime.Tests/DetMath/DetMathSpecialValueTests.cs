using System;
using KernelGen.DetMathChecks;
using Xunit;

namespace KernelGen.Runtime.Tests.DetMathTesting;

/// <summary>
/// Special values with exact expected bits: NaNs of any sign and payload, signed zeros, infinities,
/// subnormals, and the overflow and underflow thresholds. docs/detmath.md lists the same table.
/// </summary>
public sealed class DetMathSpecialValueTests
{
    private const uint PositiveZero = 0x0000_0000;
    private const uint NegativeZero = 0x8000_0000;
    private const uint One = 0x3F80_0000;
    private const uint MinusOne = 0xBF80_0000;
    private const uint Half = 0x3F00_0000;
    private const uint PositiveInfinity = 0x7F80_0000;
    private const uint NegativeInfinity = 0xFF80_0000;
    private const uint NaN = DetMath.CanonicalNaNBits;

    /// <summary>NaNs: both quiet and signalling, both signs, empty and full payloads.</summary>
    private static readonly uint[] NaNInputs = [0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x7FA5_A5A5];

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void NaNInput_GivesTheCanonicalNaN(string name)
    {
        DetMathFunction function = Enum.Parse<DetMathFunction>(name);
        foreach (uint bits in NaNInputs)
        {
            AssertBits(function, bits, NaN);
        }
    }

    public static TheoryData<string> FunctionNames() => new(Array.ConvertAll(DetMathFunctions.All, f => f.ToString()));

    public static TheoryData<string, uint, uint> SpecialCases() => new()
    {
        // Exp: ±0 → 1, ±∞, and the thresholds around float.MaxValue and half the smallest subnormal.
        { "Exp", PositiveZero, One },
        { "Exp", NegativeZero, One },
        { "Exp", PositiveInfinity, PositiveInfinity },
        { "Exp", NegativeInfinity, PositiveZero },
        { "Exp", 0x42B1_7217, 0x7F7F_FF84 },   // 88.72283 → just below float.MaxValue
        { "Exp", 0x42B1_7218, PositiveInfinity }, // 88.72284 → overflow
        { "Exp", 0xC2CF_F1B4, 0x0000_0001 },   // −103.97207 → the smallest subnormal
        { "Exp", 0xC2CF_F1B5, PositiveZero },  // −103.97208 → +0
        { "Exp", 0x0000_0001, One },           // e^(2^-149) → 1
        { "Exp", 0x3380_0000, 0x3F80_0001 },   // e^(2^-24) = 1 + 2^-24 + 2^-49: above the midpoint
        // Log: zeros, negatives, infinity, one, subnormals.
        { "Log", PositiveZero, NegativeInfinity },
        { "Log", NegativeZero, NegativeInfinity },
        { "Log", One, PositiveZero },
        { "Log", MinusOne, NaN },
        { "Log", 0x8000_0001, NaN },
        { "Log", NegativeInfinity, NaN },
        { "Log", PositiveInfinity, PositiveInfinity },
        { "Log", 0x0000_0001, 0xC2CE_8ED0 },   // ln(2^-149) = −103.27893
        { "Log", 0x7F7F_FFFF, 0x42B1_7218 },   // ln(float.MaxValue) = 88.72284
        // Tanh: odd, saturating.
        { "Tanh", PositiveZero, PositiveZero },
        { "Tanh", NegativeZero, NegativeZero },
        { "Tanh", PositiveInfinity, One },
        { "Tanh", NegativeInfinity, MinusOne },
        { "Tanh", 0x0000_0001, 0x0000_0001 },
        { "Tanh", 0x8000_0001, 0x8000_0001 },
        { "Tanh", 0x4110_0000, 0x3F7F_FFFF },  // tanh(9) = 1 − 3.05e-8 → just below 1
        { "Tanh", 0x4120_0000, One },          // tanh(10) → 1
        // Erf: odd, saturating, 2x/√π for tiny x.
        { "Erf", PositiveZero, PositiveZero },
        { "Erf", NegativeZero, NegativeZero },
        { "Erf", PositiveInfinity, One },
        { "Erf", NegativeInfinity, MinusOne },
        { "Erf", 0x0000_0001, 0x0000_0001 },   // 1.128·2^-149 → 2^-149
        { "Erf", 0x0000_0002, 0x0000_0002 },   // 2.257·2^-149 → 2·2^-149
        { "Erf", 0x4080_0000, One },           // erf(4) → 1
        // Sigmoid.
        { "Sigmoid", PositiveZero, Half },
        { "Sigmoid", NegativeZero, Half },
        { "Sigmoid", PositiveInfinity, One },
        { "Sigmoid", NegativeInfinity, PositiveZero },
        { "Sigmoid", 0xC2D2_0000, PositiveZero }, // σ(−105) → +0
        // SiLU: the limit −0 at −∞; subnormal ties broken by the positive x² term.
        { "Silu", PositiveZero, PositiveZero },
        { "Silu", NegativeZero, NegativeZero },
        { "Silu", PositiveInfinity, PositiveInfinity },
        { "Silu", NegativeInfinity, NegativeZero },
        { "Silu", 0x0000_0001, 0x0000_0001 },  // 2^-150 + tiny → 2^-149 (not the even +0)
        { "Silu", 0x8000_0001, NegativeZero }, // −2^-150 + tiny → −0
        { "Silu", 0x0000_0003, 0x0000_0002 },  // 1.5·2^-149 + tiny → 2·2^-149
        { "Silu", 0x8000_0003, 0x8000_0001 },  // −1.5·2^-149 + tiny → −2^-149
        { "Silu", 0x41A4_0000, 0x41A4_0000 },  // silu(20.5) = 20.5
        // GELU, erf form.
        { "Gelu", PositiveZero, PositiveZero },
        { "Gelu", NegativeZero, NegativeZero },
        { "Gelu", PositiveInfinity, PositiveInfinity },
        { "Gelu", NegativeInfinity, NegativeZero },
        { "Gelu", 0x0000_0001, 0x0000_0001 },
        { "Gelu", 0x8000_0001, NegativeZero },
        { "Gelu", 0x4100_0000, 0x4100_0000 },  // gelu(8) = 8
        { "Gelu", 0xC180_0800, NegativeZero }, // gelu(−16.004) → −0
        // GELU, tanh form.
        { "GeluTanh", PositiveZero, PositiveZero },
        { "GeluTanh", NegativeZero, NegativeZero },
        { "GeluTanh", PositiveInfinity, PositiveInfinity },
        { "GeluTanh", NegativeInfinity, NegativeZero },
        { "GeluTanh", 0x0000_0001, 0x0000_0001 },
        { "GeluTanh", 0x8000_0001, NegativeZero },
        { "GeluTanh", 0x4130_0000, 0x4130_0000 }, // 11 → 11
        { "GeluTanh", 0xC150_0000, NegativeZero }, // −13 → −0
        // Rsqrt: IEEE rSqrt.
        { "Rsqrt", PositiveZero, PositiveInfinity },
        { "Rsqrt", NegativeZero, NegativeInfinity },
        { "Rsqrt", PositiveInfinity, PositiveZero },
        { "Rsqrt", NegativeInfinity, NaN },
        { "Rsqrt", MinusOne, NaN },
        { "Rsqrt", 0x4080_0000, Half },        // 1/√4 = 0.5 exactly
        { "Rsqrt", 0x0000_0001, 0x64B5_04F3 }, // 1/√(2^-149) = 2^74.5
        { "Rsqrt", 0x7F7F_FFFF, 0x1F80_0000 }, // 1/√float.MaxValue → 2^-64
    };

    [Theory]
    [MemberData(nameof(SpecialCases))]
    public void SpecialValue_HasTheDocumentedBits(string name, uint input, uint expected)
    {
        AssertBits(Enum.Parse<DetMathFunction>(name), input, expected);
    }

    private static void AssertBits(DetMathFunction function, uint input, uint expected)
    {
        float x = BitConverter.UInt32BitsToSingle(input);
        uint actual = BitConverter.SingleToUInt32Bits(DetMathFunctions.Evaluate<CpuMath>(function, x));
        Assert.True(expected == actual, $"{function}(0x{input:X8}) = 0x{actual:X8}, expected 0x{expected:X8}.");
    }
}
