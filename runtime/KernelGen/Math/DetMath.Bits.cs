using ILGPU;

namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// The bits of the one NaN that every DetMath function returns, for a NaN argument (whatever its
    /// sign and payload) and for an argument outside the function's domain: <c>0x7FC00000</c>, the
    /// positive quiet NaN with an empty payload. CPUs propagate payloads and CUDA returns
    /// <c>0x7FFFFFFF</c>, so the functions test for NaN first and return this value on every device.
    /// </summary>
    public const uint CanonicalNaNBits = 0x7FC0_0000;

    private const uint SignBit = 0x8000_0000;

    /// <summary>The NaN whose bits are <see cref="CanonicalNaNBits"/>.</summary>
    public static float CanonicalNaN => Interop.IntAsFloat(CanonicalNaNBits);

    /// <summary>Whether <paramref name="x"/> is a NaN, from its bits (any sign, any payload).</summary>
    private static bool IsNaN(float x) => (Interop.FloatAsInt(x) & ~SignBit) > 0x7F80_0000;

    /// <summary><c>|x|</c> by clearing the sign bit (exact, and the same on every device).</summary>
    private static float Abs(float x) => Interop.IntAsFloat(Interop.FloatAsInt(x) & ~SignBit);

    /// <summary><paramref name="magnitude"/> with the sign bit of <paramref name="sign"/>.</summary>
    private static float WithSignOf(float magnitude, float sign) =>
        Interop.IntAsFloat((Interop.FloatAsInt(magnitude) & ~SignBit) | (Interop.FloatAsInt(sign) & SignBit));

    /// <summary>Below this magnitude, <c>f(x) = x/2 + c·x²</c> (c &gt; 0) to far beyond double precision (SiLU, GELU).</summary>
    internal const float TinyHalfThreshold = 7.888609e-31f; // 2^-100

    /// <summary>
    /// <c>x/2 + c·x²</c> rounded to float, for <c>|x| &lt; 2^-100</c> and any <c>c &gt; 0</c>: <c>x/2</c> is
    /// exact in double, and when it is a midpoint between two floats (x subnormal with an odd last
    /// bit) the positive tail breaks the tie upwards; a plain conversion would round it to even.
    /// </summary>
    private static float HalfWithPositiveTail(float x)
    {
        double half = 0.5 * (double)x; // exact; no multiply-add to contract
        float rounded = (float)half;
        if (rounded < half)
        {
            uint bits = Interop.FloatAsInt(rounded);
            rounded = Interop.IntAsFloat(rounded >= 0f ? bits + 1 : bits - 1); // the next float up
        }

        return rounded;
    }

    /// <summary>2^<paramref name="k"/> as a double, for -1022 ≤ k ≤ 1023 (built from its bits: exact).</summary>
    private static double PowerOfTwo(int k) => Interop.IntAsFloat((ulong)(k + 1023) << 52);
}
