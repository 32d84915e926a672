using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>4 lanes in one <see cref="Vector128{T}"/> (SSE or AdvSIMD).</summary>
/// <param name="value">The lanes.</param>
internal readonly struct Vector128Lanes(Vector128<float> value) : IFloatLanes<Vector128Lanes>
{
    /// <summary>The lanes.</summary>
    public readonly Vector128<float> Value = value;

    /// <inheritdoc/>
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes Create(float value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes Load(ref float source) => new(Vector128.LoadUnsafe(ref source));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128Lanes value, ref float destination) => value.Value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes operator +(Vector128Lanes a, Vector128Lanes b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes operator -(Vector128Lanes a, Vector128Lanes b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes operator *(Vector128Lanes a, Vector128Lanes b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes operator /(Vector128Lanes a, Vector128Lanes b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes Fma(Vector128Lanes a, Vector128Lanes b, Vector128Lanes c) => new(Vector128.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes Max(Vector128Lanes a, Vector128Lanes b) =>
        new(Vector128.ConditionalSelect(Vector128.GreaterThan(a.Value, b.Value) | Vector128.IsNaN(a.Value), a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes Exp(Vector128Lanes x) => new(DetMath.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<Vector128Lanes> ExpOfPair(LanePair<Vector128Lanes> x)
    {
        VectorPair<Vector128<float>> y = DetMath.Exp(new VectorPair<Vector128<float>>(x.Low.Value, x.High.Value));
        return new(new(y.Lower), new(y.Upper));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes CanonicalizeNaN(Vector128Lanes value) => new(DetMath.CanonicalizeNaN(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumTree(Vector128Lanes lanes)
    {
        Vector128<float> pairs = lanes.Value + Upper(lanes.Value); // lanes 0, 1 += lanes 2, 3
        return pairs.ToScalar() + pairs.GetElement(1);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxTree(Vector128Lanes lanes)
    {
        Vector128<float> pairs = Max(lanes, new(Upper(lanes.Value))).Value;
        return CanonicalReduction.Max(pairs.ToScalar(), pairs.GetElement(1));
    }

    /// <summary>Lanes 2, 3 moved to lanes 0, 1 (lanes 2, 3 of the result are unused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Upper(Vector128<float> value) => Vector128.Shuffle(value, Vector128.Create(2, 3, 2, 3));
}
