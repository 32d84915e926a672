using ILGPU;

namespace KernelGen;

public static partial class DetMath
{
    internal const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// The natural logarithm <c>ln x</c>, correctly rounded to float: evaluated in double, and again
    /// in double-double when the double result lies near a midpoint between two floats. Same bits on every CPU and in ILGPU kernels (see <see cref="Log{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// <c>Log(NaN)</c> and <c>Log(x &lt; 0)</c> (−∞ included) are <see cref="CanonicalNaN"/>;
    /// <c>Log(±0) = −∞</c>; <c>Log(1) = +0</c>; <c>Log(+∞) = +∞</c>. Subnormals are exact inputs.
    /// Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Log(float x) => Log<CpuMath>(x);

    /// <summary><c>ln x</c> with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Log(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Log<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x) || x < 0f)
        {
            return CanonicalNaN;
        }

        if (x == 0f)
        {
            return float.NegativeInfinity;
        }

        if (x == float.PositiveInfinity)
        {
            return float.PositiveInfinity;
        }

        double y = LogCore<TMath>(x);
        if (NearFloatMidpoint<TMath>(y, LogMidpointBound))
        {
            double hi = LogDoubleDouble<TMath>(x, out double lo);
            return RoundToFloat<TMath>(hi, lo);
        }

        return (float)y;
    }

    /// <summary>2^-45: far above <see cref="LogCore{TMath}(double)"/>'s relative error (below 2^-50).</summary>
    internal const double LogMidpointBound = 2.842170943040401e-14;

    /// <summary>
    /// <c>ln x</c> as a double-double <c>hi + lo</c> with a relative error below 2^-80, for a positive
    /// finite float <paramref name="x"/>; returns <c>hi</c>, normalized.
    /// </summary>
    /// <remarks>
    /// The reduction of <see cref="LogCore{TMath}(double)"/>: <c>y − 1</c> and <c>y + 1</c> are exact (y has
    /// 24 bits), <c>s = (y − 1)/(y + 1)</c> in double-double (the remainder of the division is exact in
    /// an FMA), <c>u = s²</c> in double-double. <c>ln y = 2s·(1 + u·P(u))</c>, <c>P = 1/3 + u/5 + u²/7 +
    /// u³/9 + u⁴·R(u)</c>: the first four terms by Horner's rule in double-double, <c>R = 1/11 + … + u¹³/37</c>
    /// in double (<c>u ≤ 0.0295</c>, so R's error of 2^-52 reaches 2^-81 of the result; the remainder
    /// after u¹³/37 is below 2^-95). <c>e·ln 2</c> is carried in three parts.
    /// </remarks>
    private static double LogDoubleDouble<TMath>(float x, out double lo)
        where TMath : struct, IKernelMath
    {
        const double Ln2Lo2 = 5.707708438416212e-34; // ln 2 − Ln2Hi − Ln2Lo

        TMath m = default;
        ulong bits = Interop.FloatAsInt((double)x);
        int e = (int)(bits >> 52) - 1023;
        double y = Interop.IntAsFloat((bits & 0x000F_FFFF_FFFF_FFFFUL) | 0x3FF0_0000_0000_0000UL);
        if (y > Sqrt2)
        {
            y = m.Mul(y, 0.5);
            e++;
        }

        double numerator = m.Add(y, -1.0);  // exact
        double denominator = m.Add(y, 1.0); // exact: y has 24 significant bits
        double sHi = m.Div(numerator, denominator);
        double sLo = m.Div(m.Fma(-sHi, denominator, numerator), denominator);
        double uHi = DoubleDouble<TMath>.TwoProduct(sHi, sHi, out double uLo);
        uLo = m.Fma(m.Add(sHi, sHi), sLo, uLo);

        double r = 0.02702702702702703;        // 1/37
        r = m.Fma(r, uHi, 0.02857142857142857); // 1/35
        r = m.Fma(r, uHi, 0.030303030303030304); // 1/33
        r = m.Fma(r, uHi, 0.03225806451612903); // 1/31
        r = m.Fma(r, uHi, 0.034482758620689655); // 1/29
        r = m.Fma(r, uHi, 0.037037037037037035); // 1/27
        r = m.Fma(r, uHi, 0.04); // 1/25
        r = m.Fma(r, uHi, 0.043478260869565216); // 1/23
        r = m.Fma(r, uHi, 0.047619047619047616); // 1/21
        r = m.Fma(r, uHi, 0.05263157894736842); // 1/19
        r = m.Fma(r, uHi, 0.058823529411764705); // 1/17
        r = m.Fma(r, uHi, 0.06666666666666667); // 1/15
        r = m.Fma(r, uHi, 0.07692307692307693); // 1/13
        r = m.Fma(r, uHi, 0.09090909090909091); // 1/11

        double pHi = MulAddDoubleDouble<TMath>(r, 0.0, uHi, uLo, 0.1111111111111111, 6.1679056923619804e-18, out double pLo); // 1/9
        pHi = MulAddDoubleDouble<TMath>(pHi, pLo, uHi, uLo, 0.14285714285714285, 7.93016446160826e-18, out pLo);            // 1/7
        pHi = MulAddDoubleDouble<TMath>(pHi, pLo, uHi, uLo, 0.2, -1.1102230246251566e-17, out pLo);                          // 1/5
        pHi = MulAddDoubleDouble<TMath>(pHi, pLo, uHi, uLo, 0.3333333333333333, 1.850371707708594e-17, out pLo);             // 1/3
        double wHi = MulAddDoubleDouble<TMath>(pHi, pLo, uHi, uLo, 0.0, 0.0, out double wLo);                                 // u·P

        double twoSHi = m.Add(sHi, sHi); // exact
        double twoSLo = m.Add(sLo, sLo);
        double tailHi = DoubleDouble<TMath>.TwoProduct(twoSHi, wHi, out double tailLo); // 2s·u·P
        tailLo = m.Fma(twoSHi, wLo, m.Fma(twoSLo, wHi, tailLo));
        double hi = DoubleDouble<TMath>.TwoSum(twoSHi, tailHi, out double sumLo);
        hi = DoubleDouble<TMath>.FastTwoSum(hi, m.Add(m.Add(sumLo, tailLo), twoSLo), out lo);
        if (e == 0)
        {
            return hi;
        }

        double k = e;
        double kHi = DoubleDouble<TMath>.TwoProduct(k, Ln2Hi, out double kLo); // e·ln 2, |e| ≤ 150
        kLo = m.Fma(k, Ln2Lo, m.Fma(k, Ln2Lo2, kLo));
        hi = DoubleDouble<TMath>.TwoSum(kHi, hi, out sumLo); // |ln x| ≥ 0.34 here: little cancellation
        return DoubleDouble<TMath>.FastTwoSum(hi, m.Add(m.Add(sumLo, lo), kLo), out lo);
    }

    /// <summary>
    /// <c>ln x</c> in double with a relative error below 2^-50, for a positive normal double.
    /// </summary>
    /// <remarks>
    /// <c>x = 2^e·y</c> with <c>y</c> in [√½, √2); <c>ln y = 2·atanh(s)</c>, <c>s = (y − 1)/(y + 1)</c>,
    /// <c>|s| ≤ 0.1716</c>. <c>y − 1</c> (Sterbenz) and <c>y + 1</c> are exact, so <c>s</c> carries one
    /// rounding; the odd series <c>2s(1 + s²/3 + … + s^20/21)</c> leaves a remainder below 2^-60.
    /// </remarks>
    internal static double LogCore<TMath>(double x)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        ulong bits = Interop.FloatAsInt(x);
        int e = (int)(bits >> 52) - 1023;
        double y = Interop.IntAsFloat((bits & 0x000F_FFFF_FFFF_FFFFUL) | 0x3FF0_0000_0000_0000UL);
        if (y > Sqrt2)
        {
            y = m.Mul(y, 0.5);
            e++;
        }

        double s = m.Div(m.Add(y, -1.0), m.Add(y, 1.0));
        double s2 = m.Mul(s, s);
        double q = 0.09523809523809523;    // 2/21
        q = m.Fma(q, s2, 0.10526315789473684); // 2/19
        q = m.Fma(q, s2, 0.11764705882352941); // 2/17
        q = m.Fma(q, s2, 0.13333333333333333); // 2/15
        q = m.Fma(q, s2, 0.15384615384615385); // 2/13
        q = m.Fma(q, s2, 0.18181818181818182); // 2/11
        q = m.Fma(q, s2, 0.2222222222222222);  // 2/9
        q = m.Fma(q, s2, 0.2857142857142857);  // 2/7
        q = m.Fma(q, s2, 0.4);                 // 2/5
        q = m.Fma(q, s2, 0.6666666666666666);  // 2/3
        double lnY = m.Fma(m.Mul(q, s2), s, m.Add(s, s)); // 2s + s·(s²·q): the leading 2s exact
        return m.Fma(e, Ln2Hi, m.Fma(e, Ln2Lo, lnY));
    }
}
