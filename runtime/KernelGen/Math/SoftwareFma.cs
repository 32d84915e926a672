using System;

namespace KernelGen;

/// <summary>
/// A correctly rounded single-precision fused multiply-add built from double-precision
/// operations, for processors without a hardware FMA.
/// </summary>
/// <remarks>
/// <para>The product of two floats has at most 48 significant bits, so <c>(double)a * b</c> is
/// exact. The sum <c>p + c</c> is rounded once to double; rounding that double to float again
/// could round twice in the wrong direction. The classic cure (Boldo and Melquiond, "Emulation of
/// FMA and correctly rounded sums: proved algorithms using rounding to odd", IEEE TC 2008) is to
/// round the double sum <em>to odd</em>: when the sum was inexact, force the last bit of its
/// significand to 1 by moving to the neighbour on the side of the exact value. A value rounded to
/// odd with at least two extra bits of precision (53 ≥ 24 + 2) then rounds to nearest float
/// correctly.</para>
/// <para>The rounding error of <c>p + c</c> is recovered exactly with Knuth's TwoSum, which is
/// valid because neither operand can overflow: |p| ≤ 2^256 and |c| &lt; 2^128.</para>
/// </remarks>
public static class SoftwareFma
{
    /// <summary>Returns <c>a × b + c</c> rounded once to the nearest float, ties to even.</summary>
    public static float Fma(float a, float b, float c)
    {
        double product = (double)a * b; // exact: 24 + 24 significant bits fit in 53
        double addend = c;
        double sum = product + addend;

        if (!double.IsFinite(sum))
        {
            // Infinities and NaN: the double result is already the IEEE result.
            return (float)sum;
        }

        // TwoSum: error = (product + addend) - sum, exactly.
        double productPart = sum - addend;
        double addendPart = sum - productPart;
        double error = (product - productPart) + (addend - addendPart);

        if (error != 0)
        {
            long bits = BitConverter.DoubleToInt64Bits(sum);
            if ((bits & 1) == 0)
            {
                // Inexact with an even last bit: step one ulp towards the exact value.
                bool awayFromZero = (error > 0) == (sum > 0);
                bits += awayFromZero ? 1 : -1;
                sum = BitConverter.Int64BitsToDouble(bits);
            }
        }

        return (float)sum;
    }
}
