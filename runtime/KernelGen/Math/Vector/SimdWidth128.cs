using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Lanes = KernelGen.VectorPair<System.Runtime.Intrinsics.Vector128<double>>;

namespace KernelGen;

/// <summary>The 128-bit width: 4 float lanes, widened to two vectors of 2 double lanes (SSE with FMA3, or Arm AdvSIMD).</summary>
internal readonly struct SimdWidth128 : ISimdWidth<Vector128<float>, Lanes>
{
    /// <inheritdoc/>
    public static int FloatCount => Vector128<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref readonly float source) => Vector128.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GetElement(Vector128<float> value, int index) => value.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WithElement(Vector128<float> value, int index, float element) => value.WithElement(index, element);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CanonicalNaNWhereNaN(Vector128<float> input, Vector128<float> value) =>
        Vector128.ConditionalSelect(Vector128.Equals(input, input), value, Vector128.Create(DetMath.CanonicalNaN));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CanonicalNaNWhereNotNonNegative(Vector128<float> input, Vector128<float> value) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(input, Vector128<float>.Zero), value, Vector128.Create(DetMath.CanonicalNaN));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Apply<TFunction>(Vector128<float> x)
        where TFunction : struct, IElementFunction => default(TFunction).Apply(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Widen(Vector128<float> value) => new(Vector128.WidenLower(value), Vector128.WidenUpper(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Narrow(Lanes value) => Vector128.Narrow(value.Lower, value.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Create(double value) =>
        new(Vector128.Create(value), Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Add(Lanes a, Lanes b) =>
        new(a.Lower + b.Lower, a.Upper + b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Add(Lanes a, double b) =>
        new(a.Lower + Vector128.Create(b), a.Upper + Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sub(Lanes a, Lanes b) =>
        new(a.Lower - b.Lower, a.Upper - b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sub(double a, Lanes b) =>
        new(Vector128.Create(a) - b.Lower, Vector128.Create(a) - b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Mul(Lanes a, Lanes b) =>
        new(a.Lower * b.Lower, a.Upper * b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Mul(Lanes a, double b) =>
        new(a.Lower * Vector128.Create(b), a.Upper * Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Div(Lanes a, Lanes b) =>
        new(a.Lower / b.Lower, a.Upper / b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Div(double a, Lanes b) =>
        new(Vector128.Create(a) / b.Lower, Vector128.Create(a) / b.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, Lanes b, Lanes c) =>
        new(Vector128.FusedMultiplyAdd(a.Lower, b.Lower, c.Lower), Vector128.FusedMultiplyAdd(a.Upper, b.Upper, c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, Lanes b, double c) =>
        new(Vector128.FusedMultiplyAdd(a.Lower, b.Lower, Vector128.Create(c)), Vector128.FusedMultiplyAdd(a.Upper, b.Upper, Vector128.Create(c)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Fma(Lanes a, double b, Lanes c) =>
        new(Vector128.FusedMultiplyAdd(a.Lower, Vector128.Create(b), c.Lower), Vector128.FusedMultiplyAdd(a.Upper, Vector128.Create(b), c.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Clamp(Lanes value, double min, double max) =>
        new(Vector128.MinNative(Vector128.MaxNative(value.Lower, Vector128.Create(min)), Vector128.Create(max)),
            Vector128.MinNative(Vector128.MaxNative(value.Upper, Vector128.Create(min)), Vector128.Create(max)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Sqrt(Lanes a) =>
        new(Vector128.Sqrt(a.Lower), Vector128.Sqrt(a.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Neg(Lanes a) =>
        new(Vector128.Xor(a.Lower, Vector128.Create(-0.0)), Vector128.Xor(a.Upper, Vector128.Create(-0.0)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Abs(Lanes a) =>
        new(Vector128.AndNot(a.Lower, Vector128.Create(-0.0)), Vector128.AndNot(a.Upper, Vector128.Create(-0.0)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes CopySign(Lanes magnitude, Lanes sign) =>
        new(Vector128.ConditionalSelect(Vector128.Create(-0.0), sign.Lower, magnitude.Lower), Vector128.ConditionalSelect(Vector128.Create(-0.0), sign.Upper, magnitude.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Less(Lanes a, double b) =>
        new(Vector128.LessThan(a.Lower, Vector128.Create(b)), Vector128.LessThan(a.Upper, Vector128.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Greater(Lanes a, double b) =>
        new(Vector128.GreaterThan(a.Lower, Vector128.Create(b)), Vector128.GreaterThan(a.Upper, Vector128.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes GreaterOrEqual(Lanes a, double b) =>
        new(Vector128.GreaterThanOrEqual(a.Lower, Vector128.Create(b)), Vector128.GreaterThanOrEqual(a.Upper, Vector128.Create(b)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Equal(Lanes a, double b) =>
        new(Vector128.Equals(a.Lower, Vector128.Create(b)), Vector128.Equals(a.Upper, Vector128.Create(b)));

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
        new(Vector128.AndNot(a.Lower, b.Lower), Vector128.AndNot(a.Upper, b.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Select(Lanes mask, Lanes ifSet, Lanes ifClear) =>
        new(Vector128.ConditionalSelect(mask.Lower, ifSet.Lower, ifClear.Lower), Vector128.ConditionalSelect(mask.Upper, ifSet.Upper, ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes Select(Lanes mask, double ifSet, Lanes ifClear) =>
        new(Vector128.ConditionalSelect(mask.Lower, Vector128.Create(ifSet), ifClear.Lower), Vector128.ConditionalSelect(mask.Upper, Vector128.Create(ifSet), ifClear.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Lanes mask) =>
        (uint)mask.Lower.ExtractMostSignificantBits() | ((uint)mask.Upper.ExtractMostSignificantBits() << Vector128<double>.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AndBits(Lanes value, ulong bits) =>
        new((value.Lower.AsUInt64() & Vector128.Create(bits)).AsDouble(), (value.Upper.AsUInt64() & Vector128.Create(bits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes OrBits(Lanes value, ulong bits) =>
        new((value.Lower.AsUInt64() | Vector128.Create(bits)).AsDouble(), (value.Upper.AsUInt64() | Vector128.Create(bits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes AddBits(Lanes value, ulong addend) =>
        new((value.Lower.AsUInt64() + Vector128.Create(addend)).AsDouble(), (value.Upper.AsUInt64() + Vector128.Create(addend)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes ShiftLeftBits(Lanes value, int count) =>
        new(Vector128.ShiftLeft(value.Lower.AsUInt64(), count).AsDouble(), Vector128.ShiftLeft(value.Upper.AsUInt64(), count).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes ShiftRightBits(Lanes value, int count) =>
        new(Vector128.ShiftRightLogical(value.Lower.AsUInt64(), count).AsDouble(), Vector128.ShiftRightLogical(value.Upper.AsUInt64(), count).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes LessBits(Lanes value, long bound) =>
        new(Vector128.LessThan(value.Lower.AsInt64(), Vector128.Create(bound)).AsDouble(), Vector128.LessThan(value.Upper.AsInt64(), Vector128.Create(bound)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MagnitudeBelow(Vector128<float> value, float bound) =>
        (uint)Vector128.LessThan(Vector128.Abs(value), Vector128.Create(bound)).ExtractMostSignificantBits();
}
