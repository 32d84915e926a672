namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// The reciprocal square root <c>1/√x</c>, correctly rounded to float (double square root and
    /// division, each correctly rounded; verified over every float). Same bits on every CPU and in
    /// ILGPU kernels (see <see cref="Rsqrt{TMath}(float)"/>). Unlike <c>ReciprocalSqrtEstimate</c> or
    /// CUDA's <c>rsqrt.approx</c>, it is exact to the last bit.
    /// </summary>
    /// <remarks>
    /// IEEE 754-2019 <c>rSqrt</c>: <c>Rsqrt(+0) = +∞</c>, <c>Rsqrt(−0) = −∞</c>, <c>Rsqrt(+∞) = +0</c>;
    /// <c>Rsqrt(NaN)</c> and <c>Rsqrt(x &lt; 0)</c> (−∞ included) are <see cref="CanonicalNaN"/>.
    /// </remarks>
    public static float Rsqrt(float x) => Rsqrt<CpuMath>(x);

    /// <summary><c>1/√x</c> with the arithmetic of <typeparamref name="TMath"/>; the bits of <see cref="Rsqrt(float)"/>.</summary>
    /// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
    public static float Rsqrt<TMath>(float x)
        where TMath : struct, IKernelMath
    {
        if (IsNaN(x) || x < 0f)
        {
            return CanonicalNaN;
        }

        // √(−0) = −0 and 1/−0 = −∞: the IEEE signs come out of the two operations themselves.
        TMath m = default;
        return (float)m.Div(1.0, m.Sqrt(x));
    }
}
