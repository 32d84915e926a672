using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary><see cref="DetMath.Rsqrt(float)"/> on every lane.</summary>
    public static TFloat Rsqrt(TFloat x)
    {
        TFloat y = TWidth.Narrow(RsqrtLanes(TWidth.WidenLower(x)), RsqrtLanes(TWidth.WidenUpper(x)));
        return TWidth.CanonicalNaNWhereNotNonNegative(x, y); // NaN and x < 0 (−0 is not below 0: −∞)
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble RsqrtLanes(TDouble x) => TWidth.Div(1.0, TWidth.Sqrt(x));
}
