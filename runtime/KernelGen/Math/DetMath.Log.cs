using ILGPU;

namespace KernelGen;

public static partial class DetMath
{
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// The natural logarithm <c>ln x</c>, correctly rounded to float except for the inputs listed in
    /// <c>docs/detmath.md</c>. Same bits on every CPU and in ILGPU kernels (see <see cref="Log{TMath}(float)"/>).
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

        return (float)LogCore<TMath>(x);
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
