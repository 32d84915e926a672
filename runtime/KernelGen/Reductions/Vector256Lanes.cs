using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>8 lanes in one <see cref="Vector256{T}"/> (AVX2).</summary>
/// <param name="value">The lanes.</param>
internal readonly struct Vector256Lanes(Vector256<float> value) : IFloatLanes<Vector256Lanes>
{
    /// <summary>The lanes.</summary>
    public readonly Vector256<float> Value = value;

    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes Create(float value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes Load(ref float source) => new(Vector256.LoadUnsafe(ref source));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256Lanes value, ref float destination) => value.Value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes operator +(Vector256Lanes a, Vector256Lanes b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes operator -(Vector256Lanes a, Vector256Lanes b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes operator *(Vector256Lanes a, Vector256Lanes b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes operator /(Vector256Lanes a, Vector256Lanes b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes Fma(Vector256Lanes a, Vector256Lanes b, Vector256Lanes c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes Max(Vector256Lanes a, Vector256Lanes b) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThan(a.Value, b.Value) | Vector256.IsNaN(a.Value), a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes Exp(Vector256Lanes x) => new(DetMath.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<Vector256Lanes> ExpOfPair(LanePair<Vector256Lanes> x)
    {
        VectorPair<Vector256<float>> y = DetMath.Exp(new VectorPair<Vector256<float>>(x.Low.Value, x.High.Value));
        return new(new(y.Lower), new(y.Upper));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes CanonicalizeNaN(Vector256Lanes value) => new(DetMath.CanonicalizeNaN(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumTree(Vector256Lanes lanes) => Vector128Lanes.SumTree(new(lanes.Value.GetLower() + lanes.Value.GetUpper()));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxTree(Vector256Lanes lanes) => Vector128Lanes.MaxTree(Vector128Lanes.Max(new(lanes.Value.GetLower()), new(lanes.Value.GetUpper())));
}
