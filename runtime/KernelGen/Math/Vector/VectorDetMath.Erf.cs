using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary><see cref="DetMath.Erf(float)"/> on every lane.</summary>
    public static TFloat Erf(TFloat x)
    {
        TFloat y = TWidth.Narrow(ErfLanes(TWidth.WidenLower(x)), ErfLanes(TWidth.WidenUpper(x)));
        return TWidth.CanonicalNaNWhereNaN(x, y);
    }

    /// <summary>erf|x| with x's sign: <c>|x|·P(x²)</c> below 1, <c>1 − erfc|x|</c> up to 4, 1 beyond.</summary>
    private static TDouble ErfLanes(TDouble x)
    {
        TDouble t = TWidth.Abs(x);
        TDouble square = TWidth.Mul(t, t); // exact
        TDouble small = TWidth.Less(t, 1.0);
        TDouble large = TWidth.AndNot(TWidth.Less(t, 4.0), small);
        TDouble result = TWidth.Create(1.0); // |x| ≥ 4 (NaN lanes are replaced later)
        if (Any(large))
        {
            result = TWidth.Select(large, TWidth.Sub(1.0, ErfcLarge(t, square, large)), result);
        }

        if (Any(small))
        {
            result = TWidth.Select(small, ErfSmall(t, square), result);
        }

        return TWidth.CopySign(result, x);
    }

    /// <summary>DetMath's <c>ErfSmall</c>: <c>t·P(t² − 1/2)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ErfSmall(TDouble t, TDouble square) => TWidth.Mul(t, ErfOverXPolynomial(TWidth.Add(square, -0.5)));

    /// <summary>
    /// DetMath's <c>ErfcLarge</c> for the <paramref name="lanes"/> (other lanes undefined):
    /// <c>e^(−t²)·z·H(z)</c>, <c>z = 1/t</c>, each of H's three pieces evaluated only if some lane needs it.
    /// </summary>
    private static TDouble ErfcLarge(TDouble t, TDouble square, TDouble lanes)
    {
        TDouble z = TWidth.Div(1.0, t);
        TDouble aboveHalf = TWidth.Greater(z, 0.5);
        TDouble aboveQuarter = TWidth.Greater(z, 0.25);
        TDouble near1 = TWidth.And(lanes, aboveHalf);
        TDouble near3 = TWidth.And(lanes, TWidth.AndNot(aboveQuarter, aboveHalf));
        TDouble far = TWidth.AndNot(lanes, aboveQuarter);
        TDouble h = TWidth.Create(0.0);
        if (Any(near1))
        {
            h = TWidth.Select(near1, ScaledErfcNear1(TWidth.Add(z, -0.75)), h);
        }

        if (Any(near3))
        {
            h = TWidth.Select(near3, ScaledErfcNear3(TWidth.Add(z, -0.375)), h);
        }

        if (Any(far))
        {
            h = TWidth.Select(far, ScaledErfcFar(TWidth.Add(z, -0.16666666666666666)), h);
        }

        return TWidth.Mul(ExpCore(TWidth.Neg(square), TWidth.Create(0.0)), TWidth.Mul(z, h));
    }
}
