using System.Runtime.CompilerServices;

namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary>
    /// <see cref="DetMath.Gelu(float)"/> on every lane: a fast double evaluation (for a vector whose every lane
    /// has <c>|x| &lt; 3</c>, <see cref="GeluCentralLanes(TDouble, out TDouble)"/>, in the caller's loop; else
    /// <see cref="GeluGeneral(TFloat)"/>), and the scalar function for the rare lanes whose double result lies
    /// too near a float rounding boundary to be decided by it, and for inputs below 2^-100 in magnitude (where
    /// the scalar function breaks ties by the sign of the x² term).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the central path runs in the caller's loop: no call, no vector through memory
    public static unsafe TFloat Gelu(TFloat x)
    {
        if (TWidth.MagnitudeBelow(x, (float)GeluCentralBound) != AllLanesBits) // a NaN lane is not below
        {
            return GeluGeneral(x);
        }

        TFloat y = TWidth.Narrow(GeluCentralLanes(TWidth.Widen(x), out TDouble nearMidpoint)); // no NaN lane to canonicalize
        uint scalarLanes = TWidth.MaskBits(nearMidpoint) | TWidth.MagnitudeBelow(x, DetMath.TinyHalfThreshold);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Gelu);
    }

    /// <summary><see cref="Gelu(TFloat)"/> for a vector with a lane outside the central path's range.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe TFloat GeluGeneral(TFloat x)
    {
        TDouble lanes = GeluFastLanes(TWidth.Widen(x), out TDouble nearBoundary);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(nearBoundary) | TWidth.MagnitudeBelow(x, DetMath.TinyHalfThreshold);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Gelu);
    }

    /// <summary>
    /// <see cref="DetMath.GeluTanh(float)"/> on every lane: the fast double evaluation of
    /// <see cref="GeluTanhFastLanes(TDouble, out TDouble)"/>, and the scalar function for the rare lanes whose
    /// double result lies too near a float rounding boundary to be decided by it, and for inputs below 2^-100
    /// in magnitude.
    /// </summary>
    public static unsafe TFloat GeluTanh(TFloat x)
    {
        TDouble lanes = GeluTanhFastLanes(TWidth.Widen(x), out TDouble nearBoundary);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(nearBoundary) | TWidth.MagnitudeBelow(x, DetMath.TinyHalfThreshold);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.GeluTanh);
    }
}
