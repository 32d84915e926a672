using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>The 128-bit width: 4 float lanes, two vectors of 2 double lanes (SSE with FMA3, or Arm AdvSIMD).</summary>
internal readonly struct SimdWidth128 : ISimdWidth<Vector128<float>, Vector128<double>>
{
    /// <inheritdoc/>
    public static int FloatCount => Vector128<float>.Count;

    /// <inheritdoc/>
    public static int DoubleCount => Vector128<double>.Count;

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
    public static Vector128<double> WidenLower(Vector128<float> value) => Vector128.WidenLower(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> WidenUpper(Vector128<float> value) => Vector128.WidenUpper(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Narrow(Vector128<double> lower, Vector128<double> upper) => Vector128.Narrow(lower, upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, double b) => a + Vector128.Create(b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sub(Vector128<double> a, Vector128<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sub(double a, Vector128<double> b) => Vector128.Create(a) - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Mul(Vector128<double> a, double b) => a * Vector128.Create(b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Div(Vector128<double> a, Vector128<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Div(double a, Vector128<double> b) => Vector128.Create(a) / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Fma(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Fma(Vector128<double> a, Vector128<double> b, double c) => Vector128.FusedMultiplyAdd(a, b, Vector128.Create(c));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Fma(Vector128<double> a, double b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, Vector128.Create(b), c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sqrt(Vector128<double> a) => Vector128.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Neg(Vector128<double> a) => Vector128.Xor(a, Vector128.Create(-0.0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Abs(Vector128<double> a) => Vector128.AndNot(a, Vector128.Create(-0.0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> CopySign(Vector128<double> magnitude, Vector128<double> sign) => Vector128.ConditionalSelect(Vector128.Create(-0.0), sign, magnitude);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Less(Vector128<double> a, double b) => Vector128.LessThan(a, Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LessOrEqual(Vector128<double> a, double b) => Vector128.LessThanOrEqual(a, Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Greater(Vector128<double> a, double b) => Vector128.GreaterThan(a, Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GreaterOrEqual(Vector128<double> a, double b) => Vector128.GreaterThanOrEqual(a, Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Equal(Vector128<double> a, double b) => Vector128.Equals(a, Vector128.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> And(Vector128<double> a, Vector128<double> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Or(Vector128<double> a, Vector128<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AndNot(Vector128<double> a, Vector128<double> b) => Vector128.AndNot(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, Vector128<double> ifSet, Vector128<double> ifClear) => Vector128.ConditionalSelect(mask, ifSet, ifClear);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, double ifSet, Vector128<double> ifClear) => Vector128.ConditionalSelect(mask, Vector128.Create(ifSet), ifClear);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Vector128<double> mask) => (uint)mask.ExtractMostSignificantBits();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AndBits(Vector128<double> value, ulong bits) =>
        (value.AsUInt64() & Vector128.Create(bits)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> OrBits(Vector128<double> value, ulong bits) =>
        (value.AsUInt64() | Vector128.Create(bits)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AddBits(Vector128<double> value, ulong addend) =>
        (value.AsUInt64() + Vector128.Create(addend)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ShiftLeftBits(Vector128<double> value, int count) =>
        Vector128.ShiftLeft(value.AsUInt64(), count).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ShiftRightBits(Vector128<double> value, int count) =>
        Vector128.ShiftRightLogical(value.AsUInt64(), count).AsDouble();
}
