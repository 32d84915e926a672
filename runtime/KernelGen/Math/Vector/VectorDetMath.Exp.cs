using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary><see cref="DetMath.Exp(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: the JIT's inlining budget is per root
    public static TFloat Exp(TFloat x)
    {
        TFloat y = TWidth.Narrow(ExpLanes(TWidth.Widen(x)));
        return TWidth.CanonicalNaNWhereNaN(x, y);
    }

    /// <summary>The double result of Exp for each (widened) lane; NaN lanes are replaced later.</summary>
    /// <remarks>
    /// The scalar function returns +∞ above 89 and +0 below −104; here those lanes are clamped to 89 and −104
    /// first, whose exponentials round to +∞ (e^89 &gt; 2^128) and +0 (e^-104 &lt; 2^-150): the same floats, and
    /// the input need not stay live in registers through the polynomial, which four interleaved chains
    /// (<see cref="PairedWidth{TWidth, TFloat, TDouble}"/>) need on a 16-register file.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // no call: a call passes the double lanes through memory
    private static TDouble ExpLanes(TDouble x)
    {
        return ExpCore(TWidth.Clamp(x, -104.0, 89.0), TWidth.Create(0.0));
    }

    /// <summary><see cref="DetMath.ExpCore{TMath}(double, double)"/>, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpCore(TDouble hi, TDouble lo)
    {
        TDouble shifted = TWidth.Fma(hi, DetMath.Log2E, TWidth.Create(DetMath.RoundingShifter)); // 1.5·2^52 + k: k in the low bits
        TDouble k = TWidth.Add(shifted, -DetMath.RoundingShifter);
        TDouble r = TWidth.Fma(k, -DetMath.Ln2Hi, hi);
        r = TWidth.Add(TWidth.Fma(k, -DetMath.Ln2Lo, r), lo);
        TDouble p = ExpTaylor(r);
        return TWidth.Mul(p, PowerOfTwo(shifted));
    }

    /// <summary><see cref="DetMath.ExpMinusOneCore{TMath}(double)"/>, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpMinusOneCore(TDouble y)
    {
        TDouble shifted = TWidth.Fma(y, DetMath.Log2E, TWidth.Create(DetMath.RoundingShifter));
        TDouble k = TWidth.Add(shifted, -DetMath.RoundingShifter);
        TDouble r = TWidth.Fma(k, -DetMath.Ln2Hi, y);
        r = TWidth.Fma(k, -DetMath.Ln2Lo, r);
        TDouble p = TWidth.Mul(ExpMinusOneOverR(r), r);
        TDouble scale = PowerOfTwo(shifted);
        return TWidth.Fma(scale, p, TWidth.Add(scale, -1.0));
    }

    /// <summary>
    /// 2^k from <c>1.5·2^52 + k</c>, whose bits are <c>0x4338…0 + k</c>: adding 1023 and shifting left
    /// by 52 leaves exactly the bits of 2^k (the scalar <c>PowerOfTwo((int)k)</c>), for −1022 ≤ k ≤ 1023.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble PowerOfTwo(TDouble shifted) => TWidth.ShiftLeftBits(TWidth.AddBits(shifted, 1023), 52);

    /// <summary>DetMath's <c>ExpMinusOneOverR</c>: the Taylor polynomial of degree 12 of <c>(e^r − 1)/r</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpMinusOneOverR(TDouble r)
    {
        TDouble p = TWidth.Create(1.6059043836821613e-10);   // 1/13!
        p = TWidth.Fma(p, r, 2.08767569878681e-09);     // 1/12!
        p = TWidth.Fma(p, r, 2.505210838544172e-08);    // 1/11!
        p = TWidth.Fma(p, r, 2.755731922398589e-07);    // 1/10!
        p = TWidth.Fma(p, r, 2.7557319223985893e-06);   // 1/9!
        p = TWidth.Fma(p, r, 2.48015873015873e-05);     // 1/8!
        p = TWidth.Fma(p, r, 0.0001984126984126984);    // 1/7!
        p = TWidth.Fma(p, r, 0.001388888888888889);     // 1/6!
        p = TWidth.Fma(p, r, 0.008333333333333333);     // 1/5!
        p = TWidth.Fma(p, r, 0.041666666666666664);     // 1/4!
        p = TWidth.Fma(p, r, 0.16666666666666666);      // 1/3!
        p = TWidth.Fma(p, r, 0.5);                      // 1/2!
        return TWidth.Fma(p, r, 1.0);                   // 1/1!
    }

    /// <summary>DetMath's <c>ExpTaylor</c>: <c>e^r</c>, one rounding after the last FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpTaylor(TDouble r) => TWidth.Fma(ExpMinusOneOverR(r), r, 1.0);
}
