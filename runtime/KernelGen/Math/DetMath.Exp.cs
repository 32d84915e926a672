namespace KernelGen;

public static partial class DetMath
{
    internal const double Log2E = 1.4426950408889634;           // log2(e), rounded
    internal const double Ln2Hi = 0.6931471805599453;            // ln 2 rounded to double
    internal const double Ln2Lo = 2.3190468138462996e-17;        // ln 2 − Ln2Hi, rounded
    internal const double RoundingShifter = 6755399441055744.0;  // 1.5 × 2^52: adding it rounds to an integer

    /// <summary>
    /// <c>e^x</c>, correctly rounded to float except for the inputs listed in <c>docs/detmath.md</c>.
    /// Same bits on every CPU and in ILGPU kernels (see <see cref="Exp{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// <c>Exp(NaN)</c> is <see cref="CanonicalNaN"/>; <c>Exp(±0) = 1</c>; <c>Exp(+∞) = +∞</c>;
    /// <c>Exp(−∞) = +0</c>; above 88.72284 the result is +∞; below −103.97208 it is +0.
    /// Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Exp(float x) => Exp<CpuMath>(x);

    /// <summary>
    /// <c>e^x</c> with the arithmetic of <typeparamref name="TMath"/>: call it from an ILGPU kernel that
    /// is generic over the math struct, loaded as <c>Kernel&lt;CudaMath&gt;</c> on CUDA and
    /// <c>Kernel&lt;CpuMath&gt;</c> on the CPU. Both give the bits of <see cref="Exp(float)"/>.
    /// </summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Exp<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        if (x > 89f)
        {
            return float.PositiveInfinity; // e^89 > 2^128, and +∞ itself
        }

        if (x < -104f)
        {
            return 0f; // e^-104 < 2^-150, half the smallest subnormal, and −∞ itself
        }

        return (float)ExpCore<TMath>(x, 0);
    }

    /// <summary>
    /// <c>e^(hi + lo)</c> in double with a relative error below 2^-51, for −740 ≤ hi ≤ 709 and
    /// <c>|lo| ≤ 2^-40</c>. The tail <paramref name="lo"/> lets callers pass an argument carried in
    /// double-double, so that its own rounding is not magnified by the exponential.
    /// </summary>
    /// <remarks>
    /// <para>Reduction: <c>k = round(hi / ln 2)</c>, <c>r = hi − k·ln 2 + lo</c>, <c>|r| ≤ 0.3466</c>.
    /// <c>hi − k·Ln2Hi</c> is exact in one FMA (both are multiples of 2^-54 and the difference is
    /// below 2^-1), so only <c>k·Ln2Lo</c> and the final add round, each by at most 2^-55.</para>
    /// <para><c>e^r</c> is its Taylor polynomial of degree 13 (remainder below 2^-56.7 relative),
    /// evaluated by Horner's rule in FMAs, and <c>2^k</c> scales it exactly.</para>
    /// </remarks>
    internal static double ExpCore<TMath>(double hi, double lo)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        double k = m.Add(m.Fma(hi, Log2E, RoundingShifter), -RoundingShifter);
        double r = m.Fma(-k, Ln2Hi, hi);
        r = m.Add(m.Fma(-k, Ln2Lo, r), lo);
        double p = ExpTaylor<TMath>(r);
        return m.Mul(p, PowerOfTwo((int)k));
    }

    /// <summary>
    /// <c>(e^r − 1) / r</c> by the Taylor polynomial of degree 12 (the coefficients 1/(n+1)!), for
    /// <c>|r| ≤ 0.35</c>; times <c>r</c> it is <c>e^r − 1</c> to degree 13.
    /// </summary>
    private static double ExpMinusOneOverR<TMath>(double r)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        double p = 1.6059043836821613e-10;           // 1/13!
        p = m.Fma(p, r, 2.08767569878681e-09);        // 1/12!
        p = m.Fma(p, r, 2.505210838544172e-08);       // 1/11!
        p = m.Fma(p, r, 2.755731922398589e-07);       // 1/10!
        p = m.Fma(p, r, 2.7557319223985893e-06);      // 1/9!
        p = m.Fma(p, r, 2.48015873015873e-05);        // 1/8!
        p = m.Fma(p, r, 0.0001984126984126984);       // 1/7!
        p = m.Fma(p, r, 0.001388888888888889);        // 1/6!
        p = m.Fma(p, r, 0.008333333333333333);        // 1/5!
        p = m.Fma(p, r, 0.041666666666666664);        // 1/4!
        p = m.Fma(p, r, 0.16666666666666666);         // 1/3!
        p = m.Fma(p, r, 0.5);                         // 1/2!
        return m.Fma(p, r, 1.0);                      // 1/1!
    }

    /// <summary><c>e^r</c> for <c>|r| ≤ 0.35</c>, with one rounding after the last FMA.</summary>
    private static double ExpTaylor<TMath>(double r)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        return m.Fma(ExpMinusOneOverR<TMath>(r), r, 1.0);
    }
}
