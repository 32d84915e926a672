namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// The hyperbolic tangent, correctly rounded to float except for the inputs listed in
    /// <c>docs/detmath.md</c>. Same bits on every CPU and in ILGPU kernels (see <see cref="Tanh{TMath}(float)"/>).
    /// </summary>
    /// <remarks>
    /// Odd: <c>Tanh(−x) = −Tanh(x)</c> bit for bit, so <c>Tanh(−0) = −0</c>. <c>Tanh(NaN)</c> is
    /// <see cref="CanonicalNaN"/>; <c>Tanh(±∞) = ±1</c>, as is every <c>|x| &gt; 9.011</c>.
    /// Needs a hardware FMA on the CPU (see <see cref="IsHardwareFma"/>).
    /// </remarks>
    public static float Tanh(float x) => Tanh<CpuMath>(x);

    /// <summary><c>tanh x</c> with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Tanh(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Tanh<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x))
        {
            return CanonicalNaN;
        }

        float magnitude = Abs(x);
        if (magnitude > 10f)
        {
            return WithSignOf(1f, x); // 1 − tanh(10) < 2^-28: rounds to 1
        }

        // tanh|x| = E/(E + 2) with E = e^(2|x|) − 1: no cancellation anywhere, also near 0.
        TMath m = default;
        double expMinusOne = ExpMinusOneCore<TMath>(m.Add((double)magnitude, magnitude));
        return WithSignOf((float)m.Div(expMinusOne, m.Add(expMinusOne, 2.0)), x);
    }

    /// <summary>
    /// <c>e^y − 1</c> in double with a relative error below 2^-51, for <c>|y| ≤ 36</c>.
    /// </summary>
    /// <remarks>
    /// With <c>y = k·ln 2 + r</c> as in <see cref="ExpCore{TMath}(double, double)"/> and
    /// <c>p = e^r − 1</c> (a Taylor polynomial that does not cancel), <c>e^y − 1 = 2^k·p + (2^k − 1)</c>:
    /// <c>2^k − 1</c> is exact for <c>|k| ≤ 52</c>, and one FMA rounds the sum once. For <c>k ≠ 0</c>,
    /// <c>|e^y − 1| ≥ 0.29</c>, so that rounding is not magnified.
    /// </remarks>
    internal static double ExpMinusOneCore<TMath>(double y)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        double k = m.Add(m.Fma(y, Log2E, RoundingShifter), -RoundingShifter);
        double r = m.Fma(-k, Ln2Hi, y);
        r = m.Fma(-k, Ln2Lo, r);
        double p = m.Mul(ExpMinusOneOverR<TMath>(r), r);
        double scale = PowerOfTwo((int)k);
        return m.Fma(scale, p, m.Add(scale, -1.0));
    }
}
