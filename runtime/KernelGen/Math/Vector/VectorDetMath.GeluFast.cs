using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary>
    /// How near (in double ulps of the result's binade, see <see cref="NearFloatRoundingBoundary"/>) to a
    /// float midpoint a fast GELU lane may lie before the scalar function decides it: 2^12 ulps, at least
    /// 2^-41 of the result.
    /// </summary>
    /// <remarks>
    /// The fast result is within about 2^-44.3 of the exact GELU (relative): the two fits' 2^-45.4 and
    /// 2^-45.6 plus some fifteen double roundings. The scalar <see cref="DetMath.Gelu(float)"/> rounds a
    /// double within 2^-48 of it (1 − erf near t = 1 loses two bits of ErfSmall's 2^-51). Where the fast
    /// result is farther than both errors together from every midpoint, the exact value and the scalar
    /// double lie on its side of the midpoints, so the two round to the same float. A lane fails this test
    /// with a probability near 2^-16.
    /// </remarks>
    private const long GeluFastMarginUnits = 4096;

    /// <summary>
    /// GELU (erf form) in plain double, for the lanes of <see cref="DetMath.Gelu(float)"/>:
    /// <c>(x/2)·Φ</c> with <c>Φ = erfc(t)</c> for <c>x &lt; 0</c> and <c>2 − erfc(t)</c> above,
    /// <c>t = |x|/√2</c>, <c>erfc(t) = e^(−t²)·erfcx(t)</c> (one polynomial each, no branch);
    /// <c>x</c> for <c>x ≥ 8</c> and <c>−0</c> below −16, like the scalar function.
    /// </summary>
    /// <param name="x">The input lanes, widened.</param>
    /// <param name="nearBoundary">
    /// The lanes whose result lies within <see cref="GeluFastMarginUnits"/> of a float rounding boundary: the
    /// scalar function decides them.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble GeluFastLanes(TDouble x, out TDouble nearBoundary)
    {
        TDouble half = TWidth.Mul(x, 0.5);                       // exact
        TDouble square = TWidth.Mul(TWidth.Mul(x, x), 0.5);       // t² = x²/2, exact
        TDouble t = TWidth.Mul(TWidth.Abs(x), DetMath.InverseSqrt2);
        TDouble z = TWidth.Div(TWidth.Add(t, -GeluFastScale), TWidth.Add(t, GeluFastScale));
        TDouble erfc = TWidth.Mul(FastExp(TWidth.Neg(square)), GeluFastErfcx(TWidth.Add(z, -GeluFastCenter)));
        TDouble phi = TWidth.Select(TWidth.Less(x, 0.0), erfc, TWidth.Sub(2.0, erfc));
        TDouble y = TWidth.Mul(half, phi);
        y = TWidth.Select(TWidth.GreaterOrEqual(x, 8.0), x, y);   // +∞ included
        y = TWidth.Select(TWidth.Less(x, -16.0), -0.0, y);        // −∞ included
        nearBoundary = NearFloatRoundingBoundary(y, GeluFastMarginUnits);
        return y;
    }

    /// <summary>
    /// How near (in double ulps of the result's binade) to a float midpoint a central GELU lane may lie before
    /// the scalar function decides it: 2^17 ulps, at least 2^-36 of the result.
    /// </summary>
    /// <remarks>
    /// <c>x/2</c> and <c>u = x²</c> are exact, and the result is one rounding of <c>u·s + x/2</c>; <c>s</c> is
    /// within about 2^-46 of S(u) (the fit's 2^-47.4 and Horner's roundings on terms up to fifteen times the sum).
    /// For <c>x &lt; 0</c> the sum cancels: <c>u·S</c> is <c>(1/2 − Φ(−|x|))/Φ(−|x|)</c> times the result, 369 at
    /// <c>x = −3</c>, so the result is within about 2^-37.5 of GELU(x); with the scalar function's 2^-48, the
    /// margin keeps a factor of two. A lane fails this test with a probability near 2^-11.
    /// </remarks>
    private const long GeluCentralMarginUnits = 131072;

    /// <summary>
    /// GELU (erf form) in plain double for lanes with <c>|x| &lt; 3</c>, for <see cref="DetMath.Gelu(float)"/>:
    /// <c>x/2 + u·S(u)</c>, <c>u = x²</c>, <c>S(u) = erf(√(u/2))/(2√u)</c> one polynomial in <c>u</c>
    /// (<see cref="GeluCentralHalfErf"/>): no division and no exponential.
    /// </summary>
    /// <param name="x">The input lanes, widened; every one a number with <c>|x| &lt; 3</c>.</param>
    /// <param name="nearMidpoint">
    /// The lanes whose result lies within <see cref="GeluCentralMarginUnits"/> of a float midpoint: the scalar
    /// function decides them. For <c>2^-100 ≤ |x| &lt; 3</c> the result is at least 2^-102 in magnitude, a normal
    /// float's binade, so no subnormal test is needed (smaller inputs go to the scalar function in any case).
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble GeluCentralLanes(TDouble x, out TDouble nearMidpoint)
    {
        TDouble square = TWidth.Mul(x, x);                         // exact: a float's square fits a double
        TDouble y = TWidth.Fma(square, GeluCentralHalfErf(square), TWidth.Mul(x, 0.5));
        nearMidpoint = WithinUnitsOfMidpoint(y, GeluCentralMarginUnits);
        return y;
    }

    /// <summary>
    /// <c>e^a</c> for <c>−130 ≤ a ≤ 130</c>, relative error near 2^-45.5: <c>k = round(a/ln 2)</c>,
    /// <c>r = a − k·ln 2</c> (rounded by about 2^-55), <c>e^r</c> by <see cref="GeluFastExp"/>, times 2^k exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble FastExp(TDouble a)
    {
        TDouble shifted = TWidth.Fma(a, DetMath.Log2E, TWidth.Create(DetMath.RoundingShifter)); // 1.5·2^52 + k
        TDouble k = TWidth.Add(shifted, -DetMath.RoundingShifter);
        TDouble r = TWidth.Fma(k, -DetMath.Ln2Hi, a);
        r = TWidth.Fma(k, -DetMath.Ln2Lo, r);
        return TWidth.Mul(GeluFastExp(r), PowerOfTwo(shifted));
    }
}
