namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// The logistic function <c>1 / (1 + e^−x)</c> (PyTorch's <c>sigmoid</c>), evaluated in double
    /// and rounded once: correctly rounded except for the inputs listed in <c>docs/detmath.md</c>.
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

        TMath m = default;
        return (float)m.Div(1.0, m.Add(1.0, ExpCore<TMath>(-(double)x, 0)));
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
