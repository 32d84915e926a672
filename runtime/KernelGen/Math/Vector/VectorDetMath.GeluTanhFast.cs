namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary>−2√(2/π), rounded to double.</summary>
    private const double MinusTwoSqrtTwoOverPi = -1.5957691216057308;

    /// <summary>−2√(2/π)·0.044715, rounded to double.</summary>
    private const double MinusTwoSqrtTwoOverPiCubic = -0.07135481627260025;

    /// <summary>
    /// How near (in double ulps of the result's binade, see <see cref="NearFloatRoundingBoundary"/>) to a
    /// float midpoint a fast GeluTanh lane may lie before the scalar function decides it: 2^13 ulps, at least
    /// 2^-40 of the result.
    /// </summary>
    /// <remarks>
    /// The fast result is within about 2^-43.3 of the exact GeluTanh (relative): <c>−2u</c> carries four
    /// roundings (2^-51 relative, up to 2^-44 absolute at <c>x = −12</c>, where <c>−2u ≈ 126.5</c>), which the
    /// exponential turns into a relative error; <see cref="FastExp"/> adds 2^-45.5, the division and the
    /// additions a few 2^-53. The scalar <see cref="DetMath.GeluTanh(float)"/> rounds a double within 2^-50 of
    /// the exact value. A lane fails this test with a probability near 2^-15.
    /// </remarks>
    private const long GeluTanhFastMarginUnits = 8192;

    /// <summary>
    /// GELU (tanh form) in plain double, for the lanes of <see cref="DetMath.GeluTanh(float)"/>:
    /// <c>x/(1 + e^(−2u))</c>, <c>−2u = x·(−2√(2/π) − 2√(2/π)·0.044715·x²)</c>;
    /// <c>x</c> above 10 and <c>−0</c> below −12, like the scalar function.
    /// </summary>
    /// <param name="x">The input lanes, widened.</param>
    /// <param name="nearBoundary">
    /// The lanes whose result lies within <see cref="GeluTanhFastMarginUnits"/> of a float rounding boundary:
    /// the scalar function decides them.
    /// </param>
    private static TDouble GeluTanhFastLanes(TDouble x, out TDouble nearBoundary)
    {
        TDouble square = TWidth.Mul(x, x); // exact
        TDouble minusTwoU = TWidth.Mul(x, TWidth.Fma(square, TWidth.Create(MinusTwoSqrtTwoOverPiCubic), MinusTwoSqrtTwoOverPi));
        TDouble y = TWidth.Div(x, TWidth.Add(FastExp(minusTwoU), 1.0));
        y = TWidth.Select(TWidth.Greater(x, 10.0), x, y);  // +∞ included
        y = TWidth.Select(TWidth.Less(x, -12.0), -0.0, y); // −∞ included
        nearBoundary = NearFloatRoundingBoundary(y, GeluTanhFastMarginUnits);
        return y;
    }
}
