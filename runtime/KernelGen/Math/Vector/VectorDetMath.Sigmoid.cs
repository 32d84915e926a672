using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary><see cref="DetMath.Sigmoid(float)"/> on every lane.</summary>
    public static unsafe TFloat Sigmoid(TFloat x)
    {
        TDouble lower = SigmoidLanes(TWidth.WidenLower(x), out TDouble lowerScalar);
        TDouble upper = SigmoidLanes(TWidth.WidenUpper(x), out TDouble upperScalar);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lower, upper));
        uint scalarLanes = FloatLanes(lowerScalar, upperScalar);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Sigmoid);
    }

    /// <summary>
    /// <c>1/(1 + e^−x)</c>, or for <c>|x| &lt; 2^-5</c> the high part of the double-double series; the
    /// lanes where that high part is a float midpoint (the scalar then rounds by the low part) go to
    /// the scalar function.
    /// </summary>
    private static TDouble SigmoidLanes(TDouble x, out TDouble scalarLanes)
    {
        TDouble y = TWidth.Div(1.0, TWidth.Add(ExpCore(TWidth.Neg(x), TWidth.Create(0.0)), 1.0));
        y = TWidth.Select(TWidth.Greater(x, 20.0), 1.0, y);
        y = TWidth.Select(TWidth.Less(x, -105.0), 0.0, y);
        TDouble nearZero = TWidth.Less(TWidth.Abs(x), DetMath.SigmoidSeriesThreshold);
        scalarLanes = TWidth.Create(0.0);
        if (Any(nearZero))
        {
            TDouble series = SigmoidNearZero(x);
            y = TWidth.Select(nearZero, series, y);
            scalarLanes = TWidth.And(nearZero, NearFloatMidpoint(series, 0));
        }

        return y;
    }

    /// <summary>DetMath's <c>SigmoidNearZero</c>, lane-wise, up to its final rounding: the normalized high part.</summary>
    private static TDouble SigmoidNearZero(TDouble a)
    {
        const double C3Hi = -0.020833333333333332; // −1/48
        const double C3Lo = -1.1564823173178713e-18;

        TDouble t = TWidth.Mul(a, a);
        TDouble p = TWidth.Create(-2.2214269821950048e-08);
        p = TWidth.Fma(p, t, 2.192460959822071e-07);
        p = TWidth.Fma(p, t, -2.1638758617925286e-06);
        p = TWidth.Fma(p, t, 2.1356922398589065e-05);
        p = TWidth.Fma(p, t, -0.00021081349206349207);
        p = TWidth.Fma(p, t, 0.0020833333333333333);
        TDouble cubeHi = TwoProduct(t, a, out TDouble cubeLo);
        TDouble tailHi = TwoProduct(cubeHi, TWidth.Create(C3Hi), out TDouble tailLo);
        tailLo = TWidth.Fma(cubeHi, C3Lo, TWidth.Fma(cubeLo, C3Hi, tailLo));
        tailLo = TWidth.Fma(cubeHi, TWidth.Mul(t, p), tailLo);
        TDouble hi = TwoSum(TWidth.Create(0.5), TWidth.Mul(a, 0.25), out TDouble lo);
        hi = TwoSum(hi, tailHi, out TDouble lo2);
        lo = TWidth.Add(TWidth.Add(lo, lo2), tailLo);
        return FastTwoSum(hi, lo, out _);
    }

    /// <summary><see cref="DetMath.Silu(float)"/> on every lane.</summary>
    public static unsafe TFloat Silu(TFloat x)
    {
        TDouble lower = SiluLanes(TWidth.WidenLower(x), out TDouble lowerScalar);
        TDouble upper = SiluLanes(TWidth.WidenUpper(x), out TDouble upperScalar);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lower, upper));
        uint scalarLanes = FloatLanes(lowerScalar, upperScalar);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Silu);
    }

    /// <summary><c>x/(1 + e^−x)</c>; lanes below 2^-100 in magnitude go to the scalar function.</summary>
    private static TDouble SiluLanes(TDouble x, out TDouble scalarLanes)
    {
        TDouble y = TWidth.Div(x, TWidth.Add(ExpCore(TWidth.Neg(x), TWidth.Create(0.0)), 1.0));
        y = TWidth.Select(TWidth.Greater(x, 20.0), x, y);
        y = TWidth.Select(TWidth.Less(x, -128.0), -0.0, y);
        scalarLanes = TWidth.Less(TWidth.Abs(x), DetMath.TinyHalfThreshold);
        return y;
    }
}
