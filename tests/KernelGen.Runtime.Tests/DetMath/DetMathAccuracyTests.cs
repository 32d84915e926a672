using System;
using System.Threading.Tasks;
using KernelGen.DetMathChecks;
using Xunit;

namespace KernelGen.Runtime.Tests.DetMathTesting;

/// <summary>
/// A sampled sweep of every DetMath function against the double references: 2^21 inputs evenly
/// spaced over all float bit patterns, plus 2^18 evenly spaced over the range where the function
/// is not constant. Each result must be the reference correctly rounded wherever the reference
/// can decide it (see docs/detmath.md for the exhaustive check).
/// </summary>
public sealed class DetMathAccuracyTests
{
    private const int SpreadSamples = 1 << 21;
    private const int RangeSamples = 1 << 18;

    public static TheoryData<string> Functions() => new(Array.ConvertAll(DetMathFunctions.All, f => f.ToString()));

    [Theory]
    [MemberData(nameof(Functions))]
    public void SampledSweep_IsCorrectlyRounded(string name)
    {
        DetMathFunction function = Enum.Parse<DetMathFunction>(name);
        (float low, float high) = InterestingRange(function);
        uint lowBits = OrderedBits(low);
        uint rangeStep = Math.Max(1u, (OrderedBits(high) - lowBits) / RangeSamples);

        var total = new AccuracyTally();
        var gate = new object();
        Parallel.For(0, 64, () => new AccuracyTally(), (part, _, tally) =>
        {
            for (int i = part; i < SpreadSamples; i += 64)
            {
                // An odd offset so that the samples are not all multiples of a power of two.
                float x = BitConverter.UInt32BitsToSingle((uint)i * (uint)(1 << 11) + 0x155u);
                if (float.IsFinite(x))
                {
                    tally.Record(function, x, DetMathFunctions.Evaluate<CpuMath>(function, x));
                }
            }

            for (int i = part; i < RangeSamples; i += 64)
            {
                float x = FromOrderedBits(lowBits + (uint)i * rangeStep);
                tally.Record(function, x, DetMathFunctions.Evaluate<CpuMath>(function, x));
            }

            return tally;
        }, tally =>
        {
            lock (gate)
            {
                total.Add(tally);
            }
        });

        TestContext.Current.SendDiagnosticMessage($"{function}: {total}");
        Assert.True(total.Misrounded == 0,
            $"{function}: {total}; misrounded at {string.Join(", ", total.MisroundedInputs.ConvertAll(AccuracyTally.Describe))}");
        Assert.True(total.MaxUlpError < 0.5 + 1e-6 || total.Undecided > 0, $"{function}: {total}");
        Assert.True(total.Undecided <= 4, $"{function}: {total}");
    }

    /// <summary>Where the function is neither constant nor at its asymptote (a little wider).</summary>
    private static (float Low, float High) InterestingRange(DetMathFunction function) => function switch
    {
        DetMathFunction.Exp => (-105f, 90f),
        DetMathFunction.Log => (float.Epsilon, float.MaxValue),
        DetMathFunction.Tanh => (-10f, 10f),
        DetMathFunction.Erf => (-4.5f, 4.5f),
        DetMathFunction.Sigmoid => (-106f, 21f),
        DetMathFunction.Silu => (-130f, 21f),
        DetMathFunction.Gelu => (-17f, 9f),
        DetMathFunction.GeluTanh => (-13f, 11f),
        DetMathFunction.Rsqrt => (float.Epsilon, float.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>Maps floats to unsigned integers in the same order (negative floats below positive).</summary>
    private static uint OrderedBits(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromOrderedBits(uint ordered) =>
        BitConverter.UInt32BitsToSingle((ordered & 0x8000_0000u) != 0 ? ordered & 0x7FFF_FFFFu : ~ordered);
}
