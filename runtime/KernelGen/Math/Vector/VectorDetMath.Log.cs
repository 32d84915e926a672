using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary>
    /// Where the scalar Log recomputes in double-double: within <see cref="DetMath.LogMidpointBound"/>
    /// (2^-45) relative of a float midpoint, that is within 2^-45·2^53 = 2^8 ulps of the result's
    /// binade. The vector code sends twice that neighbourhood to the scalar function.
    /// </summary>
    private const long LogMidpointUnits = 512;

    /// <summary><see cref="DetMath.Log(float)"/> on every lane.</summary>
    public static unsafe TFloat Log(TFloat x)
    {
        TDouble lanes = LogLanes(TWidth.Widen(x), out TDouble scalarMask);
        TFloat y = TWidth.CanonicalNaNWhereNotNonNegative(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(scalarMask);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Log);
    }

    /// <summary>The double result of Log per lane (NaN and negative lanes replaced later), and the lanes near a float midpoint.</summary>
    private static TDouble LogLanes(TDouble x, out TDouble scalarLanes)
    {
        TDouble regular = TWidth.And(TWidth.Greater(x, 0.0), TWidth.Less(x, double.PositiveInfinity));
        TDouble y = LogCore(x);
        scalarLanes = TWidth.And(regular, NearFloatMidpoint(y, LogMidpointUnits));
        return TWidth.Select(regular, y, TWidth.Select(TWidth.Equal(x, 0.0), double.NegativeInfinity, x)); // ±0 → −∞, +∞ → +∞
    }

    /// <summary><see cref="DetMath.LogCore{TMath}(double)"/>, lane-wise, for positive normal doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogCore(TDouble x)
    {
        // e = exponent − 1023, exactly, through the double 2^52 + biased exponent.
        TDouble e = TWidth.Add(TWidth.OrBits(TWidth.ShiftRightBits(x, 52), 0x4330_0000_0000_0000), -(4503599627370496.0 + 1023.0));
        TDouble y = TWidth.OrBits(TWidth.AndBits(x, 0x000F_FFFF_FFFF_FFFF), 0x3FF0_0000_0000_0000);
        TDouble above = TWidth.Greater(y, DetMath.Sqrt2);
        y = TWidth.Select(above, TWidth.Mul(y, 0.5), y);
        e = TWidth.Select(above, TWidth.Add(e, 1.0), e);

        TDouble s = TWidth.Div(TWidth.Add(y, -1.0), TWidth.Add(y, 1.0));
        TDouble s2 = TWidth.Mul(s, s);
        TDouble q = TWidth.Create(0.09523809523809523); // 2/21
        q = TWidth.Fma(q, s2, 0.10526315789473684); // 2/19
        q = TWidth.Fma(q, s2, 0.11764705882352941); // 2/17
        q = TWidth.Fma(q, s2, 0.13333333333333333); // 2/15
        q = TWidth.Fma(q, s2, 0.15384615384615385); // 2/13
        q = TWidth.Fma(q, s2, 0.18181818181818182); // 2/11
        q = TWidth.Fma(q, s2, 0.2222222222222222);  // 2/9
        q = TWidth.Fma(q, s2, 0.2857142857142857);  // 2/7
        q = TWidth.Fma(q, s2, 0.4);                 // 2/5
        q = TWidth.Fma(q, s2, 0.6666666666666666);  // 2/3
        TDouble lnY = TWidth.Fma(TWidth.Mul(q, s2), s, TWidth.Add(s, s));
        return TWidth.Fma(e, DetMath.Ln2Hi, TWidth.Fma(e, DetMath.Ln2Lo, lnY));
    }
}
