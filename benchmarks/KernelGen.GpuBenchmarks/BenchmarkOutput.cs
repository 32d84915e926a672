using System;
using System.Globalization;

namespace KernelGen.GpuBenchmarks;

/// <summary>What every benchmark of this program prints and checks: culture-independent lines and bit comparisons.</summary>
internal static class BenchmarkOutput
{
    /// <summary>Writes <paramref name="line"/> formatted with the invariant culture (the scripts parse the numbers).</summary>
    public static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>The positions where <paramref name="actual"/>'s bits differ from <paramref name="expected"/>'s.</summary>
    public static int Differing(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        int differing = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            differing += BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) ? 0 : 1;
        }

        return differing;
    }
}
