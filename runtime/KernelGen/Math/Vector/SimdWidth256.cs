using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>The 256-bit width: 8 float lanes, two vectors of 4 double lanes (AVX2 with FMA3).</summary>
internal readonly struct SimdWidth256 : ISimdWidth<Vector256<float>, Vector256<double>>
{
    /// <inheritdoc/>
    public static int FloatCount => Vector256<float>.Count;

    /// <inheritdoc/>
    public static int DoubleCount => Vector256<double>.Count;

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
    public static Vector256<double> WidenLower(Vector256<float> value) => Vector256.WidenLower(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> WidenUpper(Vector256<float> value) => Vector256.WidenUpper(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Narrow(Vector256<double> lower, Vector256<double> upper) => Vector256.Narrow(lower, upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, double b) => a + Vector256.Create(b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(double a, Vector256<double> b) => Vector256.Create(a) - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, double b) => a * Vector256.Create(b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Div(double a, Vector256<double> b) => Vector256.Create(a) / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, double c) => Vector256.FusedMultiplyAdd(a, b, Vector256.Create(c));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> a, double b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, Vector256.Create(b), c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> a) => Vector256.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Neg(Vector256<double> a) => Vector256.Xor(a, Vector256.Create(-0.0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> a) => Vector256.AndNot(a, Vector256.Create(-0.0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> CopySign(Vector256<double> magnitude, Vector256<double> sign) => Vector256.ConditionalSelect(Vector256.Create(-0.0), sign, magnitude);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Less(Vector256<double> a, double b) => Vector256.LessThan(a, Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessOrEqual(Vector256<double> a, double b) => Vector256.LessThanOrEqual(a, Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Greater(Vector256<double> a, double b) => Vector256.GreaterThan(a, Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterOrEqual(Vector256<double> a, double b) => Vector256.GreaterThanOrEqual(a, Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Equal(Vector256<double> a, double b) => Vector256.Equals(a, Vector256.Create(b));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> a, Vector256<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AndNot(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> ifSet, Vector256<double> ifClear) => Vector256.ConditionalSelect(mask, ifSet, ifClear);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, double ifSet, Vector256<double> ifClear) => Vector256.ConditionalSelect(mask, Vector256.Create(ifSet), ifClear);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Vector256<double> mask) => (uint)mask.ExtractMostSignificantBits();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AndBits(Vector256<double> value, ulong bits) =>
        (value.AsUInt64() & Vector256.Create(bits)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> OrBits(Vector256<double> value, ulong bits) =>
        (value.AsUInt64() | Vector256.Create(bits)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AddBits(Vector256<double> value, ulong addend) =>
        (value.AsUInt64() + Vector256.Create(addend)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ShiftLeftBits(Vector256<double> value, int count) =>
        Vector256.ShiftLeft(value.AsUInt64(), count).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ShiftRightBits(Vector256<double> value, int count) =>
        Vector256.ShiftRightLogical(value.AsUInt64(), count).AsDouble();
}
