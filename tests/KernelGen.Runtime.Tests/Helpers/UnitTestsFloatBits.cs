using System;
using System.Globalization;

namespace KernelGen.Runtime.Tests;

/// <summary>Bit-level views of floats for tests that compare results exactly.</summary>
internal static class FloatBits
{
    /// <summary>Whether two floats are the same IEEE-754 value, bit for bit (any NaN matches any NaN).</summary>
    public static bool SameBits(float expected, float actual) =>
        float.IsNaN(expected)
            ? float.IsNaN(actual)
            : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual);

    /// <summary>Formats a float as its bit pattern and its round-trip decimal, for example <c>0x3F800001 (1.0000001)</c>.</summary>
    public static string Describe(float value) =>
        string.Create(CultureInfo.InvariantCulture, $"0x{BitConverter.SingleToUInt32Bits(value):X8} ({value:R})");

    /// <summary>Builds a float from its bit pattern.</summary>
    public static float FromBits(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    /// <summary>Builds a float from a sign, a biased exponent field (0 to 255) and a 23-bit fraction.</summary>
    public static float FromFields(bool negative, int biasedExponent, uint fraction) =>
        FromBits((negative ? 0x8000_0000u : 0u) | ((uint)biasedExponent << 23) | (fraction & 0x007F_FFFFu));

    /// <summary>2^<paramref name="exponent"/> as a float, exactly (subnormal from -127 to -149).</summary>
    public static float PowerOfTwo(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exponent, -149);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exponent, 127);
        return (float)Math.ScaleB(1.0, exponent);
    }

    /// <summary>The spacing of floats at <paramref name="value"/> (finite): 2^-149 for subnormals.</summary>
    public static double UnitInLastPlace(float value)
    {
        int biasedExponent = (int)((BitConverter.SingleToUInt32Bits(value) >> 23) & 0xFF);
        return Math.ScaleB(1.0, Math.Max(biasedExponent, 1) - 127 - 23);
    }
}
