using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Lanes = KernelGen.VectorPair<System.Runtime.Intrinsics.Vector256<double>>;

namespace KernelGen;

/// <summary>The 256-bit width: 8 float lanes, widened to two vectors of 4 double lanes (AVX2 with FMA3).</summary>
internal readonly struct SimdWidth256 : ISimdWidth<Vector256<float>, Lanes>
{
    /// <inheritdoc/>
    public static int FloatCount => Vector256<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref readonly float source) => Vector256.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GetElement(Vector256<float> value, int index) => value.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WithElement(Vector256<float> value, int index, float element) => value.WithElement(index, element);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CanonicalNaNWhereNaN(Vector256<float> input, Vector256<float> value) =>
        Vector256.ConditionalSelect(Vector256.Equals(input, input), value, Vector256.Create(DetMath.CanonicalNaN));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CanonicalNaNWhereNotNonNegative(Vector256<float> input, Vector256<float> value) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(input, Vector256<float>.Zero), value, Vector256.Create(DetMath.CanonicalNaN));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply<TFunction>(Vector256<float> x)
        where TFunction : struct, IElementFunction => default(TFunction).Apply(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Widen(Vector256<float> value) => new(Vector256.WidenLower(value), Vector256.WidenUpper(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Narrow(Lanes value) => Vector256.Narrow(value.Lower, value.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Create(double value) =>
        new(Vector256.Create(value), Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Add(Lanes a, Lanes b) =>
        new(a.Lower + b.Lower, a.Upper + b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Add(Lanes a, double b) =>
        new(a.Lower + Vector256.Create(b), a.Upper + Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sub(Lanes a, Lanes b) =>
        new(a.Lower - b.Lower, a.Upper - b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sub(double a, Lanes b) =>
        new(Vector256.Create(a) - b.Lower, Vector256.Create(a) - b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Mul(Lanes a, Lanes b) =>
        new(a.Lower * b.Lower, a.Upper * b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Mul(Lanes a, double b) =>
        new(a.Lower * Vector256.Create(b), a.Upper * Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Div(Lanes a, Lanes b) =>
        new(a.Lower / b.Lower, a.Upper / b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Div(double a, Lanes b) =>
        new(Vector256.Create(a) / b.Lower, Vector256.Create(a) / b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, Lanes b, Lanes c) =>
        new(Vector256.FusedMultiplyAdd(a.Lower, b.Lower, c.Lower), Vector256.FusedMultiplyAdd(a.Upper, b.Upper, c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, Lanes b, double c) =>
        new(Vector256.FusedMultiplyAdd(a.Lower, b.Lower, Vector256.Create(c)), Vector256.FusedMultiplyAdd(a.Upper, b.Upper, Vector256.Create(c)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, double b, Lanes c) =>
        new(Vector256.FusedMultiplyAdd(a.Lower, Vector256.Create(b), c.Lower), Vector256.FusedMultiplyAdd(a.Upper, Vector256.Create(b), c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Clamp(Lanes value, double min, double max) =>
        new(Vector256.MinNative(Vector256.MaxNative(value.Lower, Vector256.Create(min)), Vector256.Create(max)),
            Vector256.MinNative(Vector256.MaxNative(value.Upper, Vector256.Create(min)), Vector256.Create(max)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sqrt(Lanes a) =>
        new(Vector256.Sqrt(a.Lower), Vector256.Sqrt(a.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Neg(Lanes a) =>
        new(Vector256.Xor(a.Lower, Vector256.Create(-0.0)), Vector256.Xor(a.Upper, Vector256.Create(-0.0)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Abs(Lanes a) =>
        new(Vector256.AndNot(a.Lower, Vector256.Create(-0.0)), Vector256.AndNot(a.Upper, Vector256.Create(-0.0)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes CopySign(Lanes magnitude, Lanes sign) =>
        new(Vector256.ConditionalSelect(Vector256.Create(-0.0), sign.Lower, magnitude.Lower), Vector256.ConditionalSelect(Vector256.Create(-0.0), sign.Upper, magnitude.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Less(Lanes a, double b) =>
        new(Vector256.LessThan(a.Lower, Vector256.Create(b)), Vector256.LessThan(a.Upper, Vector256.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Greater(Lanes a, double b) =>
        new(Vector256.GreaterThan(a.Lower, Vector256.Create(b)), Vector256.GreaterThan(a.Upper, Vector256.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes GreaterOrEqual(Lanes a, double b) =>
        new(Vector256.GreaterThanOrEqual(a.Lower, Vector256.Create(b)), Vector256.GreaterThanOrEqual(a.Upper, Vector256.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Equal(Lanes a, double b) =>
        new(Vector256.Equals(a.Lower, Vector256.Create(b)), Vector256.Equals(a.Upper, Vector256.Create(b)));

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
        new(Vector256.AndNot(a.Lower, b.Lower), Vector256.AndNot(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Select(Lanes mask, Lanes ifSet, Lanes ifClear) =>
        new(Vector256.ConditionalSelect(mask.Lower, ifSet.Lower, ifClear.Lower), Vector256.ConditionalSelect(mask.Upper, ifSet.Upper, ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Select(Lanes mask, double ifSet, Lanes ifClear) =>
        new(Vector256.ConditionalSelect(mask.Lower, Vector256.Create(ifSet), ifClear.Lower), Vector256.ConditionalSelect(mask.Upper, Vector256.Create(ifSet), ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Lanes mask) =>
        (uint)mask.Lower.ExtractMostSignificantBits() | ((uint)mask.Upper.ExtractMostSignificantBits() << Vector256<double>.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AndBits(Lanes value, ulong bits) =>
        new((value.Lower.AsUInt64() & Vector256.Create(bits)).AsDouble(), (value.Upper.AsUInt64() & Vector256.Create(bits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes OrBits(Lanes value, ulong bits) =>
        new((value.Lower.AsUInt64() | Vector256.Create(bits)).AsDouble(), (value.Upper.AsUInt64() | Vector256.Create(bits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AddBits(Lanes value, ulong addend) =>
        new((value.Lower.AsUInt64() + Vector256.Create(addend)).AsDouble(), (value.Upper.AsUInt64() + Vector256.Create(addend)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes ShiftLeftBits(Lanes value, int count) =>
        new(Vector256.ShiftLeft(value.Lower.AsUInt64(), count).AsDouble(), Vector256.ShiftLeft(value.Upper.AsUInt64(), count).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes ShiftRightBits(Lanes value, int count) =>
        new(Vector256.ShiftRightLogical(value.Lower.AsUInt64(), count).AsDouble(), Vector256.ShiftRightLogical(value.Upper.AsUInt64(), count).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes LessBits(Lanes value, long bound) =>
        new(Vector256.LessThan(value.Lower.AsInt64(), Vector256.Create(bound)).AsDouble(), Vector256.LessThan(value.Upper.AsInt64(), Vector256.Create(bound)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MagnitudeBelow(Vector256<float> value, float bound) =>
        (uint)Vector256.LessThan(Vector256.Abs(value), Vector256.Create(bound)).ExtractMostSignificantBits();
}
