using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>16 lanes in one <see cref="Vector512{T}"/> (AVX-512).</summary>
/// <param name="value">The lanes.</param>
internal readonly struct Vector512Lanes(Vector512<float> value) : IFloatLanes<Vector512Lanes>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<float> Value = value;

    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Create(float value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Load(ref float source) => new(Vector512.LoadUnsafe(ref source));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512Lanes value, ref float destination) => value.Value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator +(Vector512Lanes a, Vector512Lanes b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator -(Vector512Lanes a, Vector512Lanes b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator *(Vector512Lanes a, Vector512Lanes b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator /(Vector512Lanes a, Vector512Lanes b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Fma(Vector512Lanes a, Vector512Lanes b, Vector512Lanes c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Max(Vector512Lanes a, Vector512Lanes b) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(a.Value, b.Value) | Vector512.IsNaN(a.Value), a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Exp(Vector512Lanes x) => new(DetMath.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<Vector512Lanes> ExpOfPair(LanePair<Vector512Lanes> x)
    {
        VectorPair<Vector512<float>> y = DetMath.Exp(new VectorPair<Vector512<float>>(x.Low.Value, x.High.Value));
        return new(new(y.Lower), new(y.Upper));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes CanonicalizeNaN(Vector512Lanes value) => new(DetMath.CanonicalizeNaN(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumTree(Vector512Lanes lanes) => Vector256Lanes.SumTree(new(lanes.Value.GetLower() + lanes.Value.GetUpper()));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxTree(Vector512Lanes lanes) => Vector256Lanes.MaxTree(Vector256Lanes.Max(new(lanes.Value.GetLower()), new(lanes.Value.GetUpper())));
}
