namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// The error function <c>erf x = (2/√π)∫₀ˣ e^(−t²) dt</c>, correctly rounded to float except for
    /// the inputs listed in <c>docs/detmath.md</c>. Same bits on every CPU and in ILGPU kernels (see
    /// <see cref="Erf{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// Odd: <c>Erf(−x) = −Erf(x)</c> bit for bit, so <c>Erf(−0) = −0</c>. <c>Erf(NaN)</c> is
    /// <see cref="CanonicalNaN"/>; <c>Erf(±∞) = ±1</c>, as is every <c>|x| &gt; 3.9192</c>.
    /// Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Erf(float x) => Erf<CpuMath>(x);

    /// <summary><c>erf x</c> with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Erf(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Erf<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        float magnitude = Abs(x);
        if (magnitude >= 4f)
        {
            return WithSignOf(1f, x); // erfc(4) < 2^-25: rounds to 1
        }

        TMath m = default;
        double t = magnitude;
        double square = m.Mul(t, t); // exact: 24-bit × 24-bit
        double result = magnitude < 1f
            ? ErfSmall<TMath>(t, square)
            : m.Add(1.0, -ErfcLarge<TMath>(t, square));
        return WithSignOf((float)result, x);
    }

    /// <summary><c>erf t</c> for <c>0 ≤ t &lt; 1</c>, given <c>t²</c>: <c>t · P(t²)</c>, relative error below 2^-51.</summary>
    private static double ErfSmall<TMath>(double t, double square)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        return m.Mul(t, ErfOverXPolynomial<TMath>(m.Add(square, -0.5)));
    }

    /// <summary>
    /// <c>erfc t</c> for <c>1 ≤ t ≤ 12</c>, given <c>t²</c> exactly: <c>e^(−t²) · (1/t) · H(1/t)</c>,
    /// where <c>H(z) = t·e^(t²)·erfc(t)</c> is smooth and near <c>1/√π</c>. Relative error below 2^-50.
    /// </summary>
    /// <remarks>
    /// The exponential is where accuracy is lost: an error δ in its argument becomes a relative error
    /// δ in the result. So <paramref name="square"/> must be <c>t²</c> exactly (callers build it from
    /// the float input), while <paramref name="t"/> may carry one rounding (H varies slowly).
    /// </remarks>
    private static double ErfcLarge<TMath>(double t, double square)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        double z = m.Div(1.0, t);
        double h = z > 0.5 ? ScaledErfcNear1<TMath>(m.Add(z, -0.75))
            : z > 0.25 ? ScaledErfcNear3<TMath>(m.Add(z, -0.375))
            : ScaledErfcFar<TMath>(m.Add(z, -0.16666666666666666));
        return m.Mul(ExpCore<TMath>(-square, 0), m.Mul(z, h));
    }
}
