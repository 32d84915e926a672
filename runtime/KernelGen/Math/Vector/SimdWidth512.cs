using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Lanes = KernelGen.VectorPair<System.Runtime.Intrinsics.Vector512<double>>;

namespace KernelGen;

/// <summary>The 512-bit width: 16 float lanes, widened to two vectors of 8 double lanes (AVX-512).</summary>
internal readonly struct SimdWidth512 : ISimdWidth<Vector512<float>, Lanes>
{
    /// <inheritdoc/>
    public static int FloatCount => Vector512<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref readonly float source) => Vector512.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GetElement(Vector512<float> value, int index) => value.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WithElement(Vector512<float> value, int index, float element) => value.WithElement(index, element);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CanonicalNaNWhereNaN(Vector512<float> input, Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.Equals(input, input), value, Vector512.Create(DetMath.CanonicalNaN));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CanonicalNaNWhereNotNonNegative(Vector512<float> input, Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(input, Vector512<float>.Zero), value, Vector512.Create(DetMath.CanonicalNaN));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply<TFunction>(Vector512<float> x)
        where TFunction : struct, IElementFunction => default(TFunction).Apply(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Widen(Vector512<float> value) => new(Vector512.WidenLower(value), Vector512.WidenUpper(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Narrow(Lanes value) => Vector512.Narrow(value.Lower, value.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Create(double value) =>
        new(Vector512.Create(value), Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Add(Lanes a, Lanes b) =>
        new(a.Lower + b.Lower, a.Upper + b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Add(Lanes a, double b) =>
        new(a.Lower + Vector512.Create(b), a.Upper + Vector512.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sub(Lanes a, Lanes b) =>
        new(a.Lower - b.Lower, a.Upper - b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sub(double a, Lanes b) =>
        new(Vector512.Create(a) - b.Lower, Vector512.Create(a) - b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Mul(Lanes a, Lanes b) =>
        new(a.Lower * b.Lower, a.Upper * b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Mul(Lanes a, double b) =>
        new(a.Lower * Vector512.Create(b), a.Upper * Vector512.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Div(Lanes a, Lanes b) =>
        new(a.Lower / b.Lower, a.Upper / b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Div(double a, Lanes b) =>
        new(Vector512.Create(a) / b.Lower, Vector512.Create(a) / b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, Lanes b, Lanes c) =>
        new(Vector512.FusedMultiplyAdd(a.Lower, b.Lower, c.Lower), Vector512.FusedMultiplyAdd(a.Upper, b.Upper, c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, Lanes b, double c) =>
        new(Vector512.FusedMultiplyAdd(a.Lower, b.Lower, Vector512.Create(c)), Vector512.FusedMultiplyAdd(a.Upper, b.Upper, Vector512.Create(c)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, double b, Lanes c) =>
        new(Vector512.FusedMultiplyAdd(a.Lower, Vector512.Create(b), c.Lower), Vector512.FusedMultiplyAdd(a.Upper, Vector512.Create(b), c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Clamp(Lanes value, double min, double max) =>
        new(Vector512.MinNative(Vector512.MaxNative(value.Lower, Vector512.Create(min)), Vector512.Create(max)),
            Vector512.MinNative(Vector512.MaxNative(value.Upper, Vector512.Create(min)), Vector512.Create(max)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sqrt(Lanes a) =>
        new(Vector512.Sqrt(a.Lower), Vector512.Sqrt(a.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Neg(Lanes a) =>
        new(Vector512.Xor(a.Lower, Vector512.Create(-0.0)), Vector512.Xor(a.Upper, Vector512.Create(-0.0)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Abs(Lanes a) =>
        new(Vector512.AndNot(a.Lower, Vector512.Create(-0.0)), Vector512.AndNot(a.Upper, Vector512.Create(-0.0)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes CopySign(Lanes magnitude, Lanes sign) =>
        new(Vector512.ConditionalSelect(Vector512.Create(-0.0), sign.Lower, magnitude.Lower), Vector512.ConditionalSelect(Vector512.Create(-0.0), sign.Upper, magnitude.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Less(Lanes a, double b) =>
        new(Vector512.LessThan(a.Lower, Vector512.Create(b)), Vector512.LessThan(a.Upper, Vector512.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Greater(Lanes a, double b) =>
        new(Vector512.GreaterThan(a.Lower, Vector512.Create(b)), Vector512.GreaterThan(a.Upper, Vector512.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes GreaterOrEqual(Lanes a, double b) =>
        new(Vector512.GreaterThanOrEqual(a.Lower, Vector512.Create(b)), Vector512.GreaterThanOrEqual(a.Upper, Vector512.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Equal(Lanes a, double b) =>
        new(Vector512.Equals(a.Lower, Vector512.Create(b)), Vector512.Equals(a.Upper, Vector512.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes And(Lanes a, Lanes b) =>
        new(a.Lower & b.Lower, a.Upper & b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Or(Lanes a, Lanes b) =>
        new(a.Lower | b.Lower, a.Upper | b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AndNot(Lanes a, Lanes b) =>
        new(Vector512.AndNot(a.Lower, b.Lower), Vector512.AndNot(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Select(Lanes mask, Lanes ifSet, Lanes ifClear) =>
        new(Vector512.ConditionalSelect(mask.Lower, ifSet.Lower, ifClear.Lower), Vector512.ConditionalSelect(mask.Upper, ifSet.Upper, ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Select(Lanes mask, double ifSet, Lanes ifClear) =>
        new(Vector512.ConditionalSelect(mask.Lower, Vector512.Create(ifSet), ifClear.Lower), Vector512.ConditionalSelect(mask.Upper, Vector512.Create(ifSet), ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Lanes mask) =>
        (uint)mask.Lower.ExtractMostSignificantBits() | ((uint)mask.Upper.ExtractMostSignificantBits() << Vector512<double>.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AndBits(Lanes value, ulong bits) =>
        new((value.Lower.AsUInt64() & Vector512.Create(bits)).AsDouble(), (value.Upper.AsUInt64() & Vector512.Create(bits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes OrBits(Lanes value, ulong bits) =>
        new((value.Lower.AsUInt64() | Vector512.Create(bits)).AsDouble(), (value.Upper.AsUInt64() | Vector512.Create(bits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AddBits(Lanes value, ulong addend) =>
        new((value.Lower.AsUInt64() + Vector512.Create(addend)).AsDouble(), (value.Upper.AsUInt64() + Vector512.Create(addend)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes ShiftLeftBits(Lanes value, int count) =>
        new(Vector512.ShiftLeft(value.Lower.AsUInt64(), count).AsDouble(), Vector512.ShiftLeft(value.Upper.AsUInt64(), count).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes ShiftRightBits(Lanes value, int count) =>
        new(Vector512.ShiftRightLogical(value.Lower.AsUInt64(), count).AsDouble(), Vector512.ShiftRightLogical(value.Upper.AsUInt64(), count).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes LessBits(Lanes value, long bound) =>
        new(Vector512.LessThan(value.Lower.AsInt64(), Vector512.Create(bound)).AsDouble(), Vector512.LessThan(value.Upper.AsInt64(), Vector512.Create(bound)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MagnitudeBelow(Vector512<float> value, float bound) =>
        (uint)Vector512.LessThan(Vector512.Abs(value), Vector512.Create(bound)).ExtractMostSignificantBits();
}
