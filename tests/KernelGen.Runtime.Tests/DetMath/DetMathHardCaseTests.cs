using System;
using KernelGen.DetMathChecks;
using Xunit;

namespace KernelGen.Runtime.Tests.DetMathTesting;

/// <summary>
/// The inputs that the exhaustive run (docs/results/detmath/, 2026-11-23, all 2^32 floats on the H100)
/// found misrounded before Log, Sigmoid and GeluTanh recomputed results near a float midpoint: each with
/// the correctly rounded bits (mpmath at 200 bits, from undecided-1.mpmath.txt and
/// undecided-3.finite.mpmath.txt) and the old, wrong bits. Checked on the CPU and in an ILGPU kernel on
/// the CPU accelerator (<see cref="DetMathKernelTests"/> includes <see cref="Inputs"/>).
/// </summary>
public sealed class DetMathHardCaseTests
{
    private static readonly (string Function, uint Input, uint Expected)[] Cases =
    [
        ("Log", 0x3C41_3D3A, 0xC08E_158F), // was 0xC08E1590
        ("Log", 0x4117_8FEB, 0x400F_E5E7), // was 0x400FE5E8
        ("Log", 0x4C5D_65A5, 0x418F_034B), // was 0x418F034A
        ("Log", 0x65D8_90D3, 0x4254_D1F9), // was 0x4254D1F8
        ("Log", 0x6F31_A8EC, 0x4284_5A89), // was 0x42845A88
        ("Sigmoid", 0x34C0_0000, 0x3F00_0001), // was 0x3F000002
        ("Sigmoid", 0x3560_0000, 0x3F00_0003), // was 0x3F000004
        ("Sigmoid", 0x35B0_0000, 0x3F00_0005), // was 0x3F000006
        ("Sigmoid", 0x35F0_0000, 0x3F00_0007), // was 0x3F000008
        ("Sigmoid", 0x36FC_0000, 0x3F00_001F), // was 0x3F000020
        ("Sigmoid", 0x36DC_0000, 0x3F00_001B), // was 0x3F00001C
        ("Sigmoid", 0x3618_0000, 0x3F00_0009), // was 0x3F00000A
        ("Sigmoid", 0x36EC_0000, 0x3F00_001D), // was 0x3F00001E
        ("Sigmoid", 0x3658_0000, 0x3F00_000D), // was 0x3F00000E
        ("Sigmoid", 0x36BC_0000, 0x3F00_0017), // was 0x3F000018
        ("Sigmoid", 0x3678_0000, 0x3F00_000F), // was 0x3F000010
        ("Sigmoid", 0x36AC_0000, 0x3F00_0015), // was 0x3F000016
        ("Sigmoid", 0x368C_0000, 0x3F00_0011), // was 0x3F000012
        ("Sigmoid", 0x369C_0000, 0x3F00_0013), // was 0x3F000014
        ("Sigmoid", 0x36CC_0000, 0x3F00_0019), // was 0x3F00001A
        ("Sigmoid", 0x3638_0000, 0x3F00_000B), // was 0x3F00000C
        ("Sigmoid", 0x3706_0000, 0x3F00_0021), // was 0x3F000022
        ("Sigmoid", 0x370E_0000, 0x3F00_0023), // was 0x3F000024
        ("Sigmoid", 0x3756_0000, 0x3F00_0035), // was 0x3F000036
        ("Sigmoid", 0x375E_0000, 0x3F00_0037), // was 0x3F000038
        ("Sigmoid", 0x3766_0000, 0x3F00_0039), // was 0x3F00003A
        ("Sigmoid", 0x3746_0000, 0x3F00_0031), // was 0x3F000032
        ("Sigmoid", 0x374E_0000, 0x3F00_0033), // was 0x3F000034
        ("Sigmoid", 0x3736_0000, 0x3F00_002D), // was 0x3F00002E
        ("Sigmoid", 0x373E_0000, 0x3F00_002F), // was 0x3F000030
        ("Sigmoid", 0x372E_0000, 0x3F00_002B), // was 0x3F00002C
        ("Sigmoid", 0x3716_0000, 0x3F00_0025), // was 0x3F000026
        ("Sigmoid", 0x371E_0000, 0x3F00_0027), // was 0x3F000028
        ("Sigmoid", 0xB4E0_0000, 0x3EFF_FFFD), // was 0x3EFFFFFC
        ("Sigmoid", 0xB440_0000, 0x3EFF_FFFF), // was 0x3EFFFFFE
        ("Sigmoid", 0xB5D8_0000, 0x3EFF_FFF3), // was 0x3EFFFFF2
        ("Sigmoid", 0xB5F8_0000, 0x3EFF_FFF1), // was 0x3EFFFFF0
        ("Sigmoid", 0xB530_0000, 0x3EFF_FFFB), // was 0x3EFFFFFA
        ("Sigmoid", 0xB570_0000, 0x3EFF_FFF9), // was 0x3EFFFFF8
        ("Sigmoid", 0xB5B8_0000, 0x3EFF_FFF5), // was 0x3EFFFFF4
        ("Sigmoid", 0xB598_0000, 0x3EFF_FFF7), // was 0x3EFFFFF6
        ("Sigmoid", 0xB67C_0000, 0x3EFF_FFE1), // was 0x3EFFFFE0
        ("Sigmoid", 0xB6F6_0000, 0x3EFF_FFC3), // was 0x3EFFFFC2
        ("Sigmoid", 0xB6FE_0000, 0x3EFF_FFC1), // was 0x3EFFFFC0
        ("Sigmoid", 0xB6E6_0000, 0x3EFF_FFC7), // was 0x3EFFFFC6
        ("Sigmoid", 0xB6EE_0000, 0x3EFF_FFC5), // was 0x3EFFFFC4
        ("Sigmoid", 0xB6C6_0000, 0x3EFF_FFCF), // was 0x3EFFFFCE
        ("Sigmoid", 0xB6CE_0000, 0x3EFF_FFCD), // was 0x3EFFFFCC
        ("Sigmoid", 0xB66C_0000, 0x3EFF_FFE3), // was 0x3EFFFFE2
        ("Sigmoid", 0xB6A6_0000, 0x3EFF_FFD7), // was 0x3EFFFFD6
        ("Sigmoid", 0xB6AE_0000, 0x3EFF_FFD5), // was 0x3EFFFFD4
        ("Sigmoid", 0xB6B6_0000, 0x3EFF_FFD3), // was 0x3EFFFFD2
        ("Sigmoid", 0xB6BE_0000, 0x3EFF_FFD1), // was 0x3EFFFFD0
        ("Sigmoid", 0xB6D6_0000, 0x3EFF_FFCB), // was 0x3EFFFFCA
        ("Sigmoid", 0xB6DE_0000, 0x3EFF_FFC9), // was 0x3EFFFFC8
        ("Sigmoid", 0xB60C_0000, 0x3EFF_FFEF), // was 0x3EFFFFEE
        ("Sigmoid", 0xB686_0000, 0x3EFF_FFDF), // was 0x3EFFFFDE
        ("Sigmoid", 0xB68E_0000, 0x3EFF_FFDD), // was 0x3EFFFFDC
        ("Sigmoid", 0xB65C_0000, 0x3EFF_FFE5), // was 0x3EFFFFE4
        ("Sigmoid", 0xB62C_0000, 0x3EFF_FFEB), // was 0x3EFFFFEA
        ("Sigmoid", 0xB63C_0000, 0x3EFF_FFE9), // was 0x3EFFFFE8
        ("Sigmoid", 0xB61C_0000, 0x3EFF_FFED), // was 0x3EFFFFEC
        ("Sigmoid", 0xB696_0000, 0x3EFF_FFDB), // was 0x3EFFFFDA
        ("Sigmoid", 0xB69E_0000, 0x3EFF_FFD9), // was 0x3EFFFFD8
        ("Sigmoid", 0xB64C_0000, 0x3EFF_FFE7), // was 0x3EFFFFE6
        ("Sigmoid", 0xB781_8000, 0x3EFF_FF7F), // was 0x3EFFFF7E
        ("Sigmoid", 0xB783_8000, 0x3EFF_FF7D), // was 0x3EFFFF7C
        ("Sigmoid", 0xB77B_0000, 0x3EFF_FF83), // was 0x3EFFFF82
        ("Sigmoid", 0xB77F_0000, 0x3EFF_FF81), // was 0x3EFFFF80
        ("Sigmoid", 0xB757_0000, 0x3EFF_FF95), // was 0x3EFFFF94
        ("Sigmoid", 0xBA92_8601, 0x3EFF_DB5F), // was 0x3EFFDB5E
        ("GeluTanh", 0xB7B0_A46F, 0xB730_A3AD), // was 0xB730A3AC
        ("Gelu", 0x37B0_A46F, 0x3730_A531), // was 0x3730A532 (the Gelu run, later: docs/detmath.md)
    ];

    /// <summary>The inputs of <see cref="HardCases"/>, for the kernel test.</summary>
    public static uint[] Inputs() => Array.ConvertAll(Cases, c => c.Input);

    public static TheoryData<string, uint, uint> HardCases()
    {
        var data = new TheoryData<string, uint, uint>();
        foreach ((string function, uint input, uint expected) in Cases)
        {
            data.Add(function, input, expected);
        }

        return data;
    }

    [Fact]
    public void HardCases_AreTheExhaustiveRunsList()
    {
        Assert.Equal(5, Array.FindAll(Cases, c => c.Function == "Log").Length);
        Assert.Equal(66, Array.FindAll(Cases, c => c.Function == "Sigmoid").Length);
        Assert.Single(Array.FindAll(Cases, c => c.Function == "GeluTanh"));
        Assert.Single(Array.FindAll(Cases, c => c.Function == "Gelu"));
    }

    [Theory]
    [MemberData(nameof(HardCases))]
    public void HardCase_IsCorrectlyRounded(string name, uint input, uint expected)
    {
        DetMathFunction function = Enum.Parse<DetMathFunction>(name);
        float x = BitConverter.UInt32BitsToSingle(input);
        uint actual = BitConverter.SingleToUInt32Bits(DetMathFunctions.Evaluate<CpuMath>(function, x));
        Assert.True(expected == actual, $"{function}(0x{input:X8}) = 0x{actual:X8}, correctly rounded 0x{expected:X8}.");
    }
}
