using System;
using System.Diagnostics;

namespace KernelGen;

/// <summary>
/// Vectors quantized and sliced for <c>KG-Exact-1</c>: each vector's scale exponent and its four digit planes,
/// <c>planes[(v·4 + t)·PaddedLength + k]</c> = digit t of element k of vector v (int16, so that the CPU kernels
/// multiply without widening), zero past the vector's length.
/// </summary>
internal static class ExactSlices
{
    /// <summary>Plane lengths are multiples of this (Vector512 of int16): the vector kernels need no tail.</summary>
    public const int LengthAlignment = 32;

    /// <summary>The plane length for vectors of <paramref name="length"/> elements.</summary>
    public static int PaddedLength(int length) => checked((length + LengthAlignment - 1) / LengthAlignment * LengthAlignment);

    /// <summary>The scale of <paramref name="vector"/> (<see cref="ExactArithmetic.ScaleOf"/>).</summary>
    public static int ScaleOf(ReadOnlySpan<float> vector)
    {
        uint max = 0;
        foreach (float value in vector)
        {
            max = Math.Max(max, ExactArithmetic.MagnitudeBits(value)); // integers: any order gives this maximum
        }

        return ExactArithmetic.ScaleOf(max);
    }

    /// <summary>
    /// Quantizes and slices <paramref name="vector"/> into its four planes (<c>4 × planeLength</c> values) and returns
    /// its scale. A zero or non-finite vector gets zero planes.
    /// </summary>
    public static int Slice(ReadOnlySpan<float> vector, Span<short> planes, int planeLength)
    {
        Debug.Assert(planes.Length == ExactArithmetic.Slices * planeLength && planeLength >= vector.Length);
        int scale = ScaleOf(vector);
        if (scale is ExactArithmetic.ZeroScale or ExactArithmetic.NonFiniteScale)
        {
            planes.Clear();
            return scale;
        }

        Span<short> d0 = planes.Slice(0, planeLength);
        Span<short> d1 = planes.Slice(planeLength, planeLength);
        Span<short> d2 = planes.Slice(2 * planeLength, planeLength);
        Span<short> d3 = planes.Slice(3 * planeLength, planeLength);
        for (int k = 0; k < vector.Length; k++)
        {
            int q = ExactArithmetic.Quantize(vector[k], scale);
            int low = ExactArithmetic.LowDigit(q);
            int rest = ExactArithmetic.AboveDigit(q, low);
            d3[k] = (short)low;
            low = ExactArithmetic.LowDigit(rest);
            rest = ExactArithmetic.AboveDigit(rest, low);
            d2[k] = (short)low;
            low = ExactArithmetic.LowDigit(rest);
            rest = ExactArithmetic.AboveDigit(rest, low);
            d1[k] = (short)low;
            if (rest is < -64 or > 64)
            {
                throw new InvalidOperationException($"KG-Exact-1: the top digit of {q} is {rest}, outside [-64, 64] (|q| ≤ 2^30 was broken).");
            }

            d0[k] = (short)rest;
        }

        for (int t = 0; t < ExactArithmetic.Slices; t++)
        {
            planes.Slice((t * planeLength) + vector.Length, planeLength - vector.Length).Clear();
        }

        return scale;
    }
}
