using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// Two vectors of <typeparamref name="TWidth"/> as one width of twice the lanes: every operation is the inner
/// width's operation on both, one after the other, so a function written once over <see cref="ISimdWidth{TFloat, TDouble}"/>
/// runs four double vectors' dependency chains interleaved (two per float vector) where the inner width runs two.
/// </summary>
/// <remarks>
/// The vector DetMath functions are chains of dependent double operations (a Horner polynomial is a dozen fused
/// multiply-adds in a row), so one vector's worth is bound by their latency, not by the FMA units: interleaving
/// four chains fills the units (<c>docs/cpu-kernels.md</c>, "Vector DetMath"). Each lane still runs exactly the
/// operations it runs on the inner width, so it has the same bits.
/// </remarks>
/// <typeparam name="TWidth">The inner width.</typeparam>
/// <typeparam name="TFloat">Its float vector.</typeparam>
/// <typeparam name="TDouble">Its lanes as doubles.</typeparam>
internal readonly struct PairedWidth<TWidth, TFloat, TDouble> : ISimdWidth<VectorPair<TFloat>, VectorPair<TDouble>>
    where TWidth : struct, ISimdWidth<TFloat, TDouble>
    where TFloat : struct
    where TDouble : struct
{
    /// <inheritdoc/>
    public static int FloatCount => 2 * TWidth.FloatCount;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TFloat> Load(ref readonly float source) =>
        new(TWidth.Load(in source), TWidth.Load(in Unsafe.Add(ref Unsafe.AsRef(in source), TWidth.FloatCount)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(VectorPair<TFloat> value, ref float destination)
    {
        TWidth.Store(value.Lower, ref destination);
        TWidth.Store(value.Upper, ref Unsafe.Add(ref destination, TWidth.FloatCount));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GetElement(VectorPair<TFloat> value, int index) =>
        index < TWidth.FloatCount ? TWidth.GetElement(value.Lower, index) : TWidth.GetElement(value.Upper, index - TWidth.FloatCount);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TFloat> WithElement(VectorPair<TFloat> value, int index, float element) =>
        index < TWidth.FloatCount
            ? new(TWidth.WithElement(value.Lower, index, element), value.Upper)
            : new(value.Lower, TWidth.WithElement(value.Upper, index - TWidth.FloatCount, element));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TFloat> CanonicalNaNWhereNaN(VectorPair<TFloat> input, VectorPair<TFloat> value) =>
        new(TWidth.CanonicalNaNWhereNaN(input.Lower, value.Lower), TWidth.CanonicalNaNWhereNaN(input.Upper, value.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TFloat> CanonicalNaNWhereNotNonNegative(VectorPair<TFloat> input, VectorPair<TFloat> value) =>
        new(TWidth.CanonicalNaNWhereNotNonNegative(input.Lower, value.Lower), TWidth.CanonicalNaNWhereNotNonNegative(input.Upper, value.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TFloat> Apply<TFunction>(VectorPair<TFloat> x)
        where TFunction : struct, IElementFunction =>
        new(TWidth.Apply<TFunction>(x.Lower), TWidth.Apply<TFunction>(x.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Widen(VectorPair<TFloat> value) => new(TWidth.Widen(value.Lower), TWidth.Widen(value.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TFloat> Narrow(VectorPair<TDouble> value) => new(TWidth.Narrow(value.Lower), TWidth.Narrow(value.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Create(double value) =>
        new(TWidth.Create(value), TWidth.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Add(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.Add(a.Lower, b.Lower), TWidth.Add(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Add(VectorPair<TDouble> a, double b) =>
        new(TWidth.Add(a.Lower, b), TWidth.Add(a.Upper, b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Sub(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.Sub(a.Lower, b.Lower), TWidth.Sub(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Sub(double a, VectorPair<TDouble> b) =>
        new(TWidth.Sub(a, b.Lower), TWidth.Sub(a, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Mul(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.Mul(a.Lower, b.Lower), TWidth.Mul(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Mul(VectorPair<TDouble> a, double b) =>
        new(TWidth.Mul(a.Lower, b), TWidth.Mul(a.Upper, b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Div(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.Div(a.Lower, b.Lower), TWidth.Div(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Div(double a, VectorPair<TDouble> b) =>
        new(TWidth.Div(a, b.Lower), TWidth.Div(a, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Fma(VectorPair<TDouble> a, VectorPair<TDouble> b, VectorPair<TDouble> c) =>
        new(TWidth.Fma(a.Lower, b.Lower, c.Lower), TWidth.Fma(a.Upper, b.Upper, c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Fma(VectorPair<TDouble> a, VectorPair<TDouble> b, double c) =>
        new(TWidth.Fma(a.Lower, b.Lower, c), TWidth.Fma(a.Upper, b.Upper, c));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Fma(VectorPair<TDouble> a, double b, VectorPair<TDouble> c) =>
        new(TWidth.Fma(a.Lower, b, c.Lower), TWidth.Fma(a.Upper, b, c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Clamp(VectorPair<TDouble> value, double min, double max) =>
        new(TWidth.Clamp(value.Lower, min, max), TWidth.Clamp(value.Upper, min, max));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Sqrt(VectorPair<TDouble> a) =>
        new(TWidth.Sqrt(a.Lower), TWidth.Sqrt(a.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Neg(VectorPair<TDouble> a) =>
        new(TWidth.Neg(a.Lower), TWidth.Neg(a.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Abs(VectorPair<TDouble> a) =>
        new(TWidth.Abs(a.Lower), TWidth.Abs(a.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> CopySign(VectorPair<TDouble> magnitude, VectorPair<TDouble> sign) =>
        new(TWidth.CopySign(magnitude.Lower, sign.Lower), TWidth.CopySign(magnitude.Upper, sign.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Less(VectorPair<TDouble> a, double b) =>
        new(TWidth.Less(a.Lower, b), TWidth.Less(a.Upper, b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Greater(VectorPair<TDouble> a, double b) =>
        new(TWidth.Greater(a.Lower, b), TWidth.Greater(a.Upper, b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> GreaterOrEqual(VectorPair<TDouble> a, double b) =>
        new(TWidth.GreaterOrEqual(a.Lower, b), TWidth.GreaterOrEqual(a.Upper, b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Equal(VectorPair<TDouble> a, double b) =>
        new(TWidth.Equal(a.Lower, b), TWidth.Equal(a.Upper, b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> And(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.And(a.Lower, b.Lower), TWidth.And(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Or(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.Or(a.Lower, b.Lower), TWidth.Or(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> AndNot(VectorPair<TDouble> a, VectorPair<TDouble> b) =>
        new(TWidth.AndNot(a.Lower, b.Lower), TWidth.AndNot(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Select(VectorPair<TDouble> mask, VectorPair<TDouble> ifSet, VectorPair<TDouble> ifClear) =>
        new(TWidth.Select(mask.Lower, ifSet.Lower, ifClear.Lower), TWidth.Select(mask.Upper, ifSet.Upper, ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Select(VectorPair<TDouble> mask, double ifSet, VectorPair<TDouble> ifClear) =>
        new(TWidth.Select(mask.Lower, ifSet, ifClear.Lower), TWidth.Select(mask.Upper, ifSet, ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(VectorPair<TDouble> mask) =>
        TWidth.MaskBits(mask.Lower) | (TWidth.MaskBits(mask.Upper) << TWidth.FloatCount);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> AndBits(VectorPair<TDouble> value, ulong bits) =>
        new(TWidth.AndBits(value.Lower, bits), TWidth.AndBits(value.Upper, bits));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> OrBits(VectorPair<TDouble> value, ulong bits) =>
        new(TWidth.OrBits(value.Lower, bits), TWidth.OrBits(value.Upper, bits));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> AddBits(VectorPair<TDouble> value, ulong addend) =>
        new(TWidth.AddBits(value.Lower, addend), TWidth.AddBits(value.Upper, addend));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> ShiftLeftBits(VectorPair<TDouble> value, int count) =>
        new(TWidth.ShiftLeftBits(value.Lower, count), TWidth.ShiftLeftBits(value.Upper, count));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> ShiftRightBits(VectorPair<TDouble> value, int count) =>
        new(TWidth.ShiftRightBits(value.Lower, count), TWidth.ShiftRightBits(value.Upper, count));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> LessBits(VectorPair<TDouble> value, long bound) =>
        new(TWidth.LessBits(value.Lower, bound), TWidth.LessBits(value.Upper, bound));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MagnitudeBelow(VectorPair<TFloat> value, float bound) =>
        TWidth.MagnitudeBelow(value.Lower, bound) | (TWidth.MagnitudeBelow(value.Upper, bound) << TWidth.FloatCount);
}
