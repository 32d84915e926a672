using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary><see cref="DetMath.Tanh(float)"/> on every lane.</summary>
    public static TFloat Tanh(TFloat x)
    {
        TFloat y = TWidth.Narrow(TanhLanes(TWidth.WidenLower(x)), TanhLanes(TWidth.WidenUpper(x)));
        return TWidth.CanonicalNaNWhereNaN(x, y);
    }

    /// <summary>
    /// tanh|x| = E/(E + 2), E = e^(2|x|) − 1, with x's sign: the sign is put on the double, which
    /// rounds to the same float as the scalar's sign put on the rounded magnitude (rounding to nearest
    /// is symmetric).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: the JIT's inlining budget is per root
    private static TDouble TanhLanes(TDouble x)
    {
        TDouble magnitude = TWidth.Abs(x);
        TDouble expMinusOne = ExpMinusOneCore(TWidth.Add(magnitude, magnitude));
        TDouble y = TWidth.Div(expMinusOne, TWidth.Add(expMinusOne, 2.0));
        return TWidth.CopySign(TWidth.Select(TWidth.Greater(magnitude, 10.0), 1.0, y), x);
    }
}
