using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary>
    /// <see cref="DetMath.Gelu(float)"/> on every lane: the fast double evaluation of
    /// <see cref="GeluFastLanes(TDouble, out TDouble)"/>, and the scalar function for the rare lanes whose
    /// double result lies too near a float rounding boundary to be decided by it.
    /// </summary>
    public static unsafe TFloat Gelu(TFloat x)
    {
        TDouble lanes = GeluFastLanes(TWidth.Widen(x), out TDouble scalarMask);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(scalarMask);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Gelu);
    }

    /// <summary><see cref="DetMath.GeluTanh(float)"/> on every lane.</summary>
    public static unsafe TFloat GeluTanh(TFloat x)
    {
        TDouble lanes = GeluTanhLanes(TWidth.Widen(x), out TDouble scalarMask);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(scalarMask);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.GeluTanh);
    }

    /// <summary>
    /// <c>x/(1 + e^(−2u))</c> with <c>−2u</c> in double-double, or for <c>|x| &lt; 2^-5</c> the high part of
    /// the double-double tanh series. Lanes below 2^-100 and series lanes whose high part is a float
    /// midpoint go to the scalar function.
    /// </summary>
    private static TDouble GeluTanhLanes(TDouble x, out TDouble scalarLanes)
    {
        TDouble minusTwoUHi = MinusTwoU(x, out TDouble minusTwoULo);
        TDouble y = TWidth.Div(x, TWidth.Add(ExpCore(minusTwoUHi, minusTwoULo), 1.0));
        y = TWidth.Select(TWidth.Greater(x, 10.0), x, y);
        y = TWidth.Select(TWidth.Less(x, -12.0), -0.0, y);
        scalarLanes = TWidth.Less(TWidth.Abs(x), DetMath.TinyHalfThreshold);
        TDouble nearZero = TWidth.Less(TWidth.Abs(x), DetMath.GeluTanhSeriesThreshold);
        if (Any(nearZero))
        {
            TDouble series = GeluTanhNearZero(x, minusTwoUHi, minusTwoULo);
            y = TWidth.Select(nearZero, series, y);
            scalarLanes = TWidth.Or(scalarLanes, TWidth.And(nearZero, NearFloatMidpoint(series, 0)));
        }

        return y;
    }

    /// <summary>DetMath's <c>GeluTanhNearZero</c>, lane-wise, up to its final rounding: the normalized high part.</summary>
    private static TDouble GeluTanhNearZero(TDouble x, TDouble minusTwoUHi, TDouble minusTwoULo)
    {
        const double T3Hi = -0.3333333333333333; // −1/3
        const double T3Lo = -1.850371707708594e-17;

        TDouble vHi = TWidth.Mul(minusTwoUHi, -0.5);
        TDouble vLo = TWidth.Mul(minusTwoULo, -0.5);
        TDouble w = TWidth.Mul(vHi, vHi);
        TDouble q = TWidth.Create(-0.0014558343870513183);
        q = TWidth.Fma(q, w, 0.003592128036572481);
        q = TWidth.Fma(q, w, -0.008863235529902197);
        q = TWidth.Fma(q, w, 0.021869488536155203);
        q = TWidth.Fma(q, w, -0.05396825396825397);
        q = TWidth.Fma(q, w, 0.13333333333333333);
        TDouble squareHi = TwoProduct(vHi, vHi, out TDouble squareLo);
        squareLo = TWidth.Fma(TWidth.Add(vHi, vHi), vLo, squareLo);
        TDouble cubeHi = TwoProduct(squareHi, vHi, out TDouble cubeLo);
        cubeLo = TWidth.Fma(squareHi, vLo, TWidth.Fma(squareLo, vHi, cubeLo));
        TDouble tailHi = TwoProduct(cubeHi, TWidth.Create(T3Hi), out TDouble tailLo);
        tailLo = TWidth.Fma(cubeHi, T3Lo, TWidth.Fma(cubeLo, T3Hi, tailLo));
        tailLo = TWidth.Fma(cubeHi, TWidth.Mul(w, q), tailLo);
        TDouble tanhHi = TwoSum(vHi, tailHi, out TDouble tanhLo);
        tanhLo = TWidth.Add(TWidth.Add(tanhLo, tailLo), vLo);
        TDouble hi = TwoSum(TWidth.Create(1.0), tanhHi, out TDouble lo);
        lo = TWidth.Add(lo, tanhLo);
        hi = FastTwoSum(hi, lo, out lo);
        TDouble half = TWidth.Mul(x, 0.5);
        TDouble productHi = TwoProduct(half, hi, out TDouble productLo);
        productLo = TWidth.Fma(half, lo, productLo);
        return FastTwoSum(productHi, productLo, out _);
    }

    /// <summary>DetMath's <c>MinusTwoU</c>, lane-wise: <c>−2√(2/π)·(x + 0.044715·x³)</c> as a double-double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble MinusTwoU(TDouble a, out TDouble lo)
    {
        const double KappaHi = 0.044715;
        const double KappaLo = 2.1960211427085595e-18;
        const double ScaleHi = -1.5957691216057308;
        const double ScaleLo = 9.96930880911092e-17;

        TDouble square = TWidth.Mul(a, a);
        TDouble cubeHi = TwoProduct(square, a, out TDouble cubeLo);
        TDouble termHi = TwoProduct(TWidth.Create(KappaHi), cubeHi, out TDouble termLo);
        termLo = TWidth.Fma(TWidth.Create(KappaHi), cubeLo, TWidth.Fma(TWidth.Create(KappaLo), cubeHi, termLo));
        TDouble sumHi = TwoSum(a, termHi, out TDouble sumLo);
        sumHi = FastTwoSum(sumHi, TWidth.Add(sumLo, termLo), out sumLo);
        TDouble hi = TwoProduct(TWidth.Create(ScaleHi), sumHi, out TDouble productLo);
        productLo = TWidth.Fma(TWidth.Create(ScaleHi), sumLo, TWidth.Fma(TWidth.Create(ScaleLo), sumHi, productLo));
        return FastTwoSum(hi, productLo, out lo);
    }
}
