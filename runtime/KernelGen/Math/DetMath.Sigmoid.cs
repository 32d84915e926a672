namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// The logistic function <c>1 / (1 + e^−x)</c> (PyTorch's <c>sigmoid</c>), evaluated in double
    /// and rounded once (in double-double by its series for <c>|x| &lt; 2^-5</c>): correctly rounded.
    /// Same bits on every CPU and in ILGPU kernels (see <see cref="Sigmoid{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// <c>Sigmoid(NaN)</c> is <see cref="CanonicalNaN"/>; <c>Sigmoid(±0) = 0.5</c>;
    /// <c>Sigmoid(+∞) = 1</c> (as is every <c>x &gt; 17.33</c>); <c>Sigmoid(−∞) = +0</c> (as is every
    /// <c>x &lt; −103.97</c>). Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Sigmoid(float x) => Sigmoid<CpuMath>(x);

    /// <summary>The logistic function with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Sigmoid(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Sigmoid<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        if (x > 20f)
        {
            return 1f; // 1 − σ(20) < 2^-28
        }

        if (x < -105f)
        {
            return 0f; // σ(−105) < e^-105 < 2^-151
        }

        if (Abs(x) < SigmoidSeriesThreshold)
        {
            return SigmoidNearZero<TMath>(x);
        }

        TMath m = default;
        return (float)m.Div(1.0, m.Add(1.0, ExpCore<TMath>(-(double)x, 0)));
    }

    /// <summary>Below this magnitude Sigmoid is evaluated by its series in double-double: 2^-5.</summary>
    internal const float SigmoidSeriesThreshold = 0.03125f;

    /// <summary>
    /// Sigmoid for <c>|x| &lt; 2^-5</c>: <c>1/2 + x/4 − x³/48 + x⁵/480 − …</c> (that is <c>1/2 + tanh(x/2)/2</c>)
    /// in double-double, rounded once.
    /// </summary>
    /// <remarks>
    /// Near zero <c>1/2 + x/4</c> is often exactly a midpoint between two floats (x = 3·2^-23: 1/2 + 3·2^-25)
    /// and only the far smaller <c>−x³/48</c> decides the rounding; a double evaluation (error 2^-53)
    /// cannot see it. Here <c>1/2 + x/4</c> and <c>x³</c> are exact, <c>x³·(−1/48)</c> is carried in
    /// double-double and the rest, <c>x³·t·P(t)</c> with <c>t = x²</c> (below 2^-13 of the cubic term), in double:
    /// the error is below 2^-85 relative, the series' remainder (the x¹⁷ term) below 2^-110.
    /// </remarks>
    private static float SigmoidNearZero<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        const double C3Hi = -0.020833333333333332; // −1/48
        const double C3Lo = -1.1564823173178713e-18;

        TMath m = default;
        double a = x;
        double t = m.Mul(a, a);                                                      // exact
        double p = -2.2214269821950048e-08;                                          // x¹⁵
        p = m.Fma(p, t, 2.192460959822071e-07);                                      // x¹³
        p = m.Fma(p, t, -2.1638758617925286e-06);                                    // x¹¹
        p = m.Fma(p, t, 2.1356922398589065e-05);                                     // x⁹
        p = m.Fma(p, t, -0.00021081349206349207);                                    // x⁷
        p = m.Fma(p, t, 0.0020833333333333333);                                      // x⁵
        double cubeHi = DoubleDouble<TMath>.TwoProduct(t, a, out double cubeLo);     // x³ exactly
        double tailHi = DoubleDouble<TMath>.TwoProduct(cubeHi, C3Hi, out double tailLo);
        tailLo = m.Fma(cubeHi, C3Lo, m.Fma(cubeLo, C3Hi, tailLo));
        tailLo = m.Fma(cubeHi, m.Mul(t, p), tailLo);                                 // + x³·t·P(t) = x⁵/480 − …, in double
        double hi = DoubleDouble<TMath>.TwoSum(0.5, m.Mul(a, 0.25), out double lo);  // 1/2 + x/4 exactly
        hi = DoubleDouble<TMath>.TwoSum(hi, tailHi, out double lo2);
        lo = m.Add(m.Add(lo, lo2), tailLo);
        hi = DoubleDouble<TMath>.FastTwoSum(hi, lo, out lo);
        return RoundToFloat<TMath>(hi, lo);
    }

    /// <summary>
    /// The SiLU (swish) <c>x · sigmoid(x) = x / (1 + e^−x)</c> (PyTorch's <c>silu</c>), evaluated in
    /// double and rounded once: correctly rounded except for the inputs listed in <c>docs/detmath.md</c>.
    /// Same bits on every CPU and in ILGPU kernels (see <see cref="Silu{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// <c>Silu(NaN)</c> is <see cref="CanonicalNaN"/>; <c>Silu(±0) = ±0</c>; <c>Silu(+∞) = +∞</c>;
    /// <c>Silu(−∞) = −0</c>, the limit (PyTorch's <c>x / (1 + exp(−x))</c> gives NaN there); every
    /// <c>x &gt; 20</c> gives <c>x</c>. Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Silu(float x) => Silu<CpuMath>(x);

    /// <summary>SiLU with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Silu(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Silu<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        if (x > 20f)
        {
            return x; // x·(1 − e^-x·…) with e^-20 < 2^-28: rounds to x, and +∞ stays +∞
        }

        if (x < -128f)
        {
            return -0f; // |x|·e^x < 2^-150 here, and the limit at −∞
        }

        if (Abs(x) < TinyHalfThreshold)
        {
            return HalfWithPositiveTail(x); // x/2 + O(x²), the x² term positive: it decides ties
        }

        TMath m = default;
        return (float)m.Div(x, m.Add(1.0, ExpCore<TMath>(-(double)x, 0)));
    }
}
