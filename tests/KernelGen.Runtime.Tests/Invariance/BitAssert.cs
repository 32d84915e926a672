using System;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

internal static class BitAssert
{
    /// <summary>Asserts that two float sequences are identical bit for bit, naming the first difference.</summary>
    public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            int e = BitConverter.SingleToInt32Bits(expected[i]);
            int a = BitConverter.SingleToInt32Bits(actual[i]);
            if (e != a)
            {
                Assert.Fail($"{what}: value {i} differs: expected {expected[i]:R} (0x{e:X8}), got {actual[i]:R} (0x{a:X8}).");
            }
        }
    }
}
