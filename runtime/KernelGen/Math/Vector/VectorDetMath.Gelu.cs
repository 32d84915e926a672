namespace KernelGen;

internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
{
    /// <summary>
    /// <see cref="DetMath.Gelu(float)"/> on every lane: a fast double evaluation (for a vector whose every lane
    /// has <c>|x| &lt; 3</c>, <see cref="GeluCentralLanes(TDouble, out TDouble)"/>; else
    /// <see cref="GeluFastLanes(TDouble, out TDouble)"/>), and the scalar function for the rare lanes whose
    /// double result lies too near a float rounding boundary to be decided by it.
    /// </summary>
    public static unsafe TFloat Gelu(TFloat x)
    {
        TDouble a = TWidth.Widen(x);
        TDouble scalarMask;
        TDouble lanes = AllLanes(TWidth.Less(TWidth.Abs(a), GeluCentralBound)) // a NaN lane is not
            ? GeluCentralLanes(a, out scalarMask)
            : GeluFastLanes(a, out scalarMask);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(scalarMask);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.Gelu);
    }

    /// <summary>
    /// <see cref="DetMath.GeluTanh(float)"/> on every lane: the fast double evaluation of
    /// <see cref="GeluTanhFastLanes(TDouble, out TDouble)"/>, and the scalar function for the rare lanes whose
    /// double result lies too near a float rounding boundary to be decided by it.
    /// </summary>
    public static unsafe TFloat GeluTanh(TFloat x)
    {
        TDouble lanes = GeluTanhFastLanes(TWidth.Widen(x), out TDouble scalarMask);
        TFloat y = TWidth.CanonicalNaNWhereNaN(x, TWidth.Narrow(lanes));
        uint scalarLanes = TWidth.MaskBits(scalarMask);
        return scalarLanes == 0 ? y : WithScalarLanes(x, y, scalarLanes, &DetMath.GeluTanh);
    }
}
