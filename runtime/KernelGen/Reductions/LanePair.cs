using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// Twice the lanes of <typeparamref name="THalf"/>: lanes 0 … n−1 in <see cref="Low"/>, n … 2n−1 in
/// <see cref="High"/>. Nesting builds the 32 lanes of the canonical reduction from any register width
/// (<see cref="LaneBlocks"/>), and the first step of its tree is <c>Low + High</c> (lane j += lane j + n).
/// </summary>
/// <typeparam name="THalf">The lanes of each half.</typeparam>
/// <param name="low">Lanes 0 … n−1.</param>
/// <param name="high">Lanes n … 2n−1.</param>
internal readonly struct LanePair<THalf>(THalf low, THalf high) : IFloatLanes<LanePair<THalf>>
    where THalf : struct, IFloatLanes<THalf>
{
    // Fields, not properties: a kernel on eight Vector128 registers nests three pairs, and every
    // accessor call counts against the JIT's inlining budget for the kernel.

    /// <summary>Lanes 0 … n−1.</summary>
    public readonly THalf Low = low;

    /// <summary>Lanes n … 2n−1.</summary>
    public readonly THalf High = high;

    /// <inheritdoc/>
    public static int Count => 2 * THalf.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> Create(float value) => new(THalf.Create(value), THalf.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> Load(ref float source) => new(THalf.Load(ref source), THalf.Load(ref Unsafe.Add(ref source, THalf.Count)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(LanePair<THalf> value, ref float destination)
    {
        THalf.Store(value.Low, ref destination);
        THalf.Store(value.High, ref Unsafe.Add(ref destination, THalf.Count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> operator +(LanePair<THalf> a, LanePair<THalf> b) => new(a.Low + b.Low, a.High + b.High);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> operator -(LanePair<THalf> a, LanePair<THalf> b) => new(a.Low - b.Low, a.High - b.High);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> operator *(LanePair<THalf> a, LanePair<THalf> b) => new(a.Low * b.Low, a.High * b.High);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> operator /(LanePair<THalf> a, LanePair<THalf> b) => new(a.Low / b.Low, a.High / b.High);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> Fma(LanePair<THalf> a, LanePair<THalf> b, LanePair<THalf> c) =>
        new(THalf.Fma(a.Low, b.Low, c.Low), THalf.Fma(a.High, b.High, c.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> Max(LanePair<THalf> a, LanePair<THalf> b) => new(THalf.Max(a.Low, b.Low), THalf.Max(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> Exp(LanePair<THalf> x) => THalf.ExpOfPair(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<LanePair<THalf>> ExpOfPair(LanePair<LanePair<THalf>> x) => new(Exp(x.Low), Exp(x.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<THalf> CanonicalizeNaN(LanePair<THalf> value) => new(THalf.CanonicalizeNaN(value.Low), THalf.CanonicalizeNaN(value.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumTree(LanePair<THalf> lanes) => THalf.SumTree(lanes.Low + lanes.High);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxTree(LanePair<THalf> lanes) => THalf.MaxTree(THalf.Max(lanes.Low, lanes.High));
}
