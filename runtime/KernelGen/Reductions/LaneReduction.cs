using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// The canonical row reduction on vectors (docs/arithmetic.md, rule 2), generic over a 32-lane set
/// (<see cref="LaneBlocks"/>): lane j of the set is lane j of the reduction, so each 32-element chunk
/// of the row is one load and one step; the last, partial chunk steps only the lanes that have an
/// element (in scalar code, with the same operations), and the fixed tree runs on the registers.
/// Every path gives the bits of <see cref="CanonicalReduction"/>'s scalar loops.
/// </summary>
internal static class LaneReduction
{
    /// <summary>The canonical sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum<TBlock>(ReadOnlySpan<float> values)
        where TBlock : struct, IFloatLanes<TBlock> =>
        TBlock.SumTree(Partials<TBlock, SumStep>(values, -0f, default));

    /// <summary>The canonical sum of <c>fma(d, d, ·)</c>, <c>d = x − center</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumOfSquaredDeviations<TBlock>(ReadOnlySpan<float> values, float center)
        where TBlock : struct, IFloatLanes<TBlock> =>
        TBlock.SumTree(Partials<TBlock, SquaredDeviationStep>(values, -0f, new SquaredDeviationStep(center)));

    /// <summary>The canonical maximum (−∞ for an empty span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max<TBlock>(ReadOnlySpan<float> values)
        where TBlock : struct, IFloatLanes<TBlock> =>
        TBlock.MaxTree(Partials<TBlock, MaxStep>(values, float.NegativeInfinity, default));

    /// <summary>
    /// The 32 lane partials of <paramref name="step"/> over <paramref name="values"/>, each lane starting at
    /// <paramref name="initial"/>: lane j holds step(…step(step(initial, x[j]), x[j + 32])…), in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TBlock Partials<TBlock, TStep>(ReadOnlySpan<float> values, float initial, TStep step)
        where TBlock : struct, IFloatLanes<TBlock>
        where TStep : struct, ILaneStep, allows ref struct
    {
        Debug.Assert(TBlock.Count == LaneBlocks.Lanes, "a block holds the 32 lanes of the canonical reduction");
        ref float x = ref MemoryMarshal.GetReference(values);
        int whole = values.Length - (values.Length % LaneBlocks.Lanes);
        TBlock partials = TBlock.Create(initial);
        for (int i = 0; i < whole; i += LaneBlocks.Lanes)
        {
            partials = step.Apply(partials, TBlock.Load(ref Unsafe.Add(ref x, i)), i);
        }

        return whole == values.Length ? partials : WithTail(partials, values, whole, step);
    }

    /// <summary>
    /// Steps lanes 0 … n − whole − 1 with the elements from <paramref name="whole"/> on and leaves the other lanes
    /// untouched (a filler element would not do: fma(0, 0, −0) is +0, and Exp of a filler is not 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TBlock WithTail<TBlock, TStep>(TBlock partials, ReadOnlySpan<float> values, int whole, TStep step)
        where TBlock : struct, IFloatLanes<TBlock>
        where TStep : struct, ILaneStep, allows ref struct
    {
        CanonicalReduction.LanePartials lanes = default;
        ref float lane0 = ref MemoryMarshal.GetReference((Span<float>)lanes);
        TBlock.Store(partials, ref lane0);
        for (int i = whole; i < values.Length; i++)
        {
            Unsafe.Add(ref lane0, i - whole) = step.Apply(Unsafe.Add(ref lane0, i - whole), values[i], i);
        }

        return TBlock.Load(ref lane0);
    }
}
