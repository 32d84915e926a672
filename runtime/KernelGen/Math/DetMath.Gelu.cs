namespace KernelGen;

public static partial class DetMath
{
    internal const double InverseSqrt2 = 0.7071067811865476;

    /// <summary>Below this t = |x|/√2 (|x| &lt; 2^-4), GELU is evaluated as x/2 plus a small double-double tail.</summary>
    internal const double SmallGeluT = 0.04419417382415922; // 2^-4/√2

    /// <summary>
    /// GELU, erf form (PyTorch's <c>gelu(x)</c>, <c>approximate='none'</c>):
    /// <c>0.5 · x · (1 + erf(x/√2))</c>, evaluated in double as one function (not composed from
    /// rounded pieces) and rounded once: correctly rounded except for the inputs listed in
    /// <c>docs/detmath.md</c>. Same bits on every CPU and in ILGPU kernels (see <see cref="Gelu{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// For <c>x &lt; 0</c> it is <c>0.5 · x · erfc(|x|/√2)</c>, which keeps full relative accuracy
    /// down to the underflow. <c>Gelu(NaN)</c> is <see cref="CanonicalNaN"/>; <c>Gelu(±0) = ±0</c>;
    /// <c>Gelu(+∞) = +∞</c> and every <c>x ≥ 8</c> gives <c>x</c>; <c>Gelu(−∞) = −0</c>, the limit
    /// (PyTorch gives NaN there), as does every <c>x &lt; −16</c>.
    /// Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Gelu(float x) => Gelu<CpuMath>(x);

    /// <summary>GELU (erf form) with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Gelu(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Gelu<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        if (x >= 8f)
        {
            return x; // 0.5·erfc(8/√2) < 2^-50: rounds to x, and +∞ stays +∞
        }

        if (x < -16f)
        {
            return -0f; // |Gelu(x)| < 2^-150 here, and the limit at −∞
        }

        if (Abs(x) < TinyHalfThreshold)
        {
            return HalfWithPositiveTail(x); // x/2 + O(x²), the x² term positive: it decides ties
        }

        TMath m = default;
        double a = x;                                // widen first: m.Mul(x, x) would be the float overload
        double t = m.Mul(Abs(x), InverseSqrt2);      // |x|/√2, one rounding (harmless: see ErfcLarge)
        double square = m.Mul(m.Mul(a, a), 0.5);     // t² = x²/2 exactly
        double half = m.Mul(a, 0.5);                 // exact
        double phi;                                  // Φ(x)·2 = 1 + erf(x/√2), or erfc(|x|/√2) for x < 0
        if (t < 1.0)
        {
            double erf = ErfSmall<TMath>(t, square);
            if (t < SmallGeluT)
            {
                // x/2 + (x/2)·(±erf) as a double-double: x/2 is exact, so only the small second term
                // carries a rounding, and the sum is rounded to float once (the H100's exhaustive run
                // found 0x37B0A46F misrounded by the plain 1 + erf in double).
                double tail = m.Mul(half, x < 0f ? -erf : erf);
                double hi = DoubleDouble<TMath>.FastTwoSum(half, tail, out double lo);
                return RoundToFloat<TMath>(hi, lo);
            }

            phi = m.Add(1.0, x < 0f ? -erf : erf);
        }
        else
        {
            double erfc = ErfcLarge<TMath>(t, square);
            phi = x < 0f ? erfc : m.Add(2.0, -erfc);
        }

        return (float)m.Mul(half, phi);
    }

    /// <summary>
    /// GELU, tanh form (PyTorch's <c>gelu(x, approximate='tanh')</c>):
    /// <c>0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))</c>, with the constants taken as exact
    /// reals, evaluated in double as one function (in double-double by the tanh series for
    /// <c>|x| &lt; 2^-5</c>) and rounded once: correctly rounded. Same bits on every CPU and in ILGPU kernels (see
    /// <see cref="GeluTanh{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// It is computed as the identical <c>x / (1 + e^(−2u))</c>, <c>u = √(2/π)·(x + 0.044715·x³)</c>,
    /// with <c>2u</c> carried in double-double so that its rounding is not magnified by the
    /// exponential. <c>GeluTanh(NaN)</c> is <see cref="CanonicalNaN"/>; <c>GeluTanh(±0) = ±0</c>;
    /// <c>GeluTanh(+∞) = +∞</c> and every <c>x &gt; 10</c> gives <c>x</c>; <c>GeluTanh(−∞) = −0</c>,
    /// the limit (PyTorch gives NaN there), as does every <c>x &lt; −12</c>.
    /// Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float GeluTanh(float x) => GeluTanh<CpuMath>(x);

    /// <summary>GELU (tanh form) with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="GeluTanh(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float GeluTanh<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        if (x > 10f)
        {
            return x; // e^(−2u) < 2^-120 here, and +∞ stays +∞
        }

        if (x < -12f)
        {
            return -0f; // |x|·e^(2u) < 2^-150 here, and the limit at −∞
        }

        if (Abs(x) < TinyHalfThreshold)
        {
            return HalfWithPositiveTail(x); // x/2 + O(x²), the x² term positive: it decides ties
        }

        TMath m = default;
        double minusTwoUHi = MinusTwoU<TMath>(x, out double minusTwoULo);
        if (Abs(x) < GeluTanhSeriesThreshold)
        {
            return GeluTanhNearZero<TMath>(x, minusTwoUHi, minusTwoULo);
        }

        return (float)m.Div(x, m.Add(1.0, ExpCore<TMath>(minusTwoUHi, minusTwoULo)));
    }

    /// <summary>Below this magnitude GeluTanh is evaluated by the tanh series in double-double: 2^-5.</summary>
    internal const float GeluTanhSeriesThreshold = 0.03125f;

    /// <summary>
    /// GeluTanh for <c>2^-100 ≤ |x| &lt; 2^-5</c>: <c>(x/2)·(1 + tanh v)</c>, <c>v = −(−2u)/2</c>, with
    /// <c>tanh v = v − v³/3 + v³·v²·Q(v²)</c> in double-double, rounded once.
    /// </summary>
    /// <remarks>
    /// <c>|v| &lt; 2^-5.3</c>. <c>v</c> (from <see cref="MinusTwoU{TMath}(float, out double)"/>, 2^-100) and
    /// <c>v³·(−1/3)</c> are carried in double-double; <c>v³·v²·Q</c> (below 2^-29) in double, error below
    /// 2^-81. The series stops at v¹⁵; the remainder is below 2^-100 relative. Near zero
    /// <c>1 + tanh v</c> is close to 1 and a double evaluation's error of 2^-53 can hide on which side
    /// of a float midpoint the result lies (GeluTanh(0xB7B0A46F) was misrounded that way).
    /// </remarks>
    private static float GeluTanhNearZero<TMath>(float x, double minusTwoUHi, double minusTwoULo)
        where TMath : struct, IKernelMath
    {
        const double T3Hi = -0.3333333333333333; // −1/3
        const double T3Lo = -1.850371707708594e-17;

        TMath m = default;
        double vHi = m.Mul(minusTwoUHi, -0.5); // exact
        double vLo = m.Mul(minusTwoULo, -0.5);
        double w = m.Mul(vHi, vHi);
        double q = -0.0014558343870513183;       // v¹⁵
        q = m.Fma(q, w, 0.003592128036572481);   // v¹³
        q = m.Fma(q, w, -0.008863235529902197);  // v¹¹
        q = m.Fma(q, w, 0.021869488536155203);   // v⁹
        q = m.Fma(q, w, -0.05396825396825397);   // v⁷
        q = m.Fma(q, w, 0.13333333333333333);    // v⁵
        double squareHi = DoubleDouble<TMath>.TwoProduct(vHi, vHi, out double squareLo);
        squareLo = m.Fma(m.Add(vHi, vHi), vLo, squareLo);
        double cubeHi = DoubleDouble<TMath>.TwoProduct(squareHi, vHi, out double cubeLo);
        cubeLo = m.Fma(squareHi, vLo, m.Fma(squareLo, vHi, cubeLo));
        double tailHi = DoubleDouble<TMath>.TwoProduct(cubeHi, T3Hi, out double tailLo);
        tailLo = m.Fma(cubeHi, T3Lo, m.Fma(cubeLo, T3Hi, tailLo));
        tailLo = m.Fma(cubeHi, m.Mul(w, q), tailLo);                          // + v⁵·Q
        double tanhHi = DoubleDouble<TMath>.TwoSum(vHi, tailHi, out double tanhLo);
        tanhLo = m.Add(m.Add(tanhLo, tailLo), vLo);
        double hi = DoubleDouble<TMath>.TwoSum(1.0, tanhHi, out double lo);     // 1 + tanh v
        lo = m.Add(lo, tanhLo);
        hi = DoubleDouble<TMath>.FastTwoSum(hi, lo, out lo);
        double half = m.Mul((double)x, 0.5);                                    // exact
        double productHi = DoubleDouble<TMath>.TwoProduct(half, hi, out double productLo);
        productLo = m.Fma(half, lo, productLo);
        productHi = DoubleDouble<TMath>.FastTwoSum(productHi, productLo, out productLo);
        return RoundToFloat<TMath>(productHi, productLo);
    }

    /// <summary>
    /// <c>−2u = −2√(2/π)·(x + 0.044715·x³)</c> as a double-double <c>hi + lo</c> with a relative error
    /// near 2^-100; returns <c>hi</c>.
    /// </summary>
    private static double MinusTwoU<TMath>(float x, out double lo)
        where TMath : struct, IKernelMath
    {
        // 0.044715 and −2√(2/π), each as a double-double (hi rounded, lo the rounded remainder).
        const double KappaHi = 0.044715;
        const double KappaLo = 2.1960211427085595e-18;
        const double ScaleHi = -1.5957691216057308;
        const double ScaleLo = 9.96930880911092e-17;

        TMath m = default;
        double a = x;
        double square = m.Mul(a, a);                                                     // exact
        double cubeHi = DoubleDouble<TMath>.TwoProduct(square, a, out double cubeLo);    // x³ exactly
        double termHi = DoubleDouble<TMath>.TwoProduct(KappaHi, cubeHi, out double termLo);
        termLo = m.Fma(KappaHi, cubeLo, m.Fma(KappaLo, cubeHi, termLo));
        double sumHi = DoubleDouble<TMath>.TwoSum(a, termHi, out double sumLo);
        sumHi = DoubleDouble<TMath>.FastTwoSum(sumHi, m.Add(sumLo, termLo), out sumLo);
        double hi = DoubleDouble<TMath>.TwoProduct(ScaleHi, sumHi, out double productLo);
        productLo = m.Fma(ScaleHi, sumLo, m.Fma(ScaleLo, sumHi, productLo));
        hi = DoubleDouble<TMath>.FastTwoSum(hi, productLo, out lo);
        return hi;
    }
}
