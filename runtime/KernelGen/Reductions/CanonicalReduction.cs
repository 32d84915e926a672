using System;
using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// The canonical row reduction on the CPU (docs/arithmetic.md, rule 2): 32 logical lanes, lane j
/// the in-order sum of elements j, j + 32, j + 64, …, then the fixed tree p[j] += p[j + 16], + 8,
/// + 4, + 2, + 1. A GPU group of 32 threads gives the same bits with <see cref="GroupReduction"/>.
/// </summary>
/// <remarks>
/// <para>Every lane starts at −0, the identity of IEEE addition (−0 + x is x for every x, +0 and −0
/// included), so a lane with no element and a row shorter than 32 need no special case.</para>
/// <para>The overloads without a <see cref="SimdPath"/> are the scalar reference. Those with one run the
/// same lanes on vector registers (two <c>Vector512</c>, four <c>Vector256</c> or eight <c>Vector128</c>,
/// lane j of the reduction = element j of the register set) and give the same bits on every path.</para>
/// </remarks>
public static class CanonicalReduction
{
    /// <summary>The number of logical lanes of every row reduction.</summary>
    public const int Lanes = 32;

    /// <summary>The canonical sum of <paramref name="values"/> on <paramref name="path"/>: the bits of <see cref="Sum(ReadOnlySpan{float})"/>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="path"/> cannot run on this processor.</exception>
    public static float Sum(ReadOnlySpan<float> values, SimdPath path) => SimdPaths.Resolve(path) switch
    {
        SimdPath.Vector512 => LaneReduction.Sum<LaneBlock512>(values),
        SimdPath.Vector256 => LaneReduction.Sum<LaneBlock256>(values),
        SimdPath.Vector128 => LaneReduction.Sum<LaneBlock128>(values),
        _ => Sum(values),
    };

    /// <summary>
    /// The canonical sum of squared deviations on <paramref name="path"/>: the bits of
    /// <see cref="SumOfSquaredDeviations(ReadOnlySpan{float}, float)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="path"/> cannot run on this processor.</exception>
    public static float SumOfSquaredDeviations(ReadOnlySpan<float> values, float center, SimdPath path) => SimdPaths.Resolve(path) switch
    {
        SimdPath.Vector512 => LaneReduction.SumOfSquaredDeviations<LaneBlock512>(values, center),
        SimdPath.Vector256 => LaneReduction.SumOfSquaredDeviations<LaneBlock256>(values, center),
        SimdPath.Vector128 => LaneReduction.SumOfSquaredDeviations<LaneBlock128>(values, center),
        _ => SumOfSquaredDeviations(values, center),
    };

    /// <summary>The canonical maximum on <paramref name="path"/>: the bits of <see cref="Max(ReadOnlySpan{float})"/>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="path"/> cannot run on this processor.</exception>
    public static float Max(ReadOnlySpan<float> values, SimdPath path) => SimdPaths.Resolve(path) switch
    {
        SimdPath.Vector512 => LaneReduction.Max<LaneBlock512>(values),
        SimdPath.Vector256 => LaneReduction.Max<LaneBlock256>(values),
        SimdPath.Vector128 => LaneReduction.Max<LaneBlock128>(values),
        _ => Max(values),
    };

    /// <summary>The canonical sum of <paramref name="values"/> (the scalar reference).</summary>
    public static float Sum(ReadOnlySpan<float> values)
    {
        LanePartials partials = LanePartials.Empty;
        for (int i = 0; i < values.Length; i++)
        {
            partials[i % Lanes] += values[i];
        }

        return Tree(ref partials);
    }

    /// <summary>
    /// The canonical sum of squared deviations from <paramref name="center"/> (the scalar reference): lane j accumulates
    /// <c>p = fma(d, d, p)</c> with <c>d = x[i] − center</c> (rounded), in order, then the tree.
    /// </summary>
    public static float SumOfSquaredDeviations(ReadOnlySpan<float> values, float center)
    {
        LanePartials partials = LanePartials.Empty;
        for (int i = 0; i < values.Length; i++)
        {
            float deviation = values[i] - center;
            partials[i % Lanes] = DetMath.Fma(deviation, deviation, partials[i % Lanes]);
        }

        return Tree(ref partials);
    }

    /// <summary>
    /// The canonical maximum of <paramref name="values"/> (−∞ for an empty span; the scalar reference): the same lanes
    /// and tree with <see cref="Max(float, float)"/>, so NaN propagates and the sign of a zero
    /// result is fixed by the order.
    /// </summary>
    public static float Max(ReadOnlySpan<float> values)
    {
        LanePartials partials = LanePartials.NegativeInfinity;
        for (int i = 0; i < values.Length; i++)
        {
            partials[i % Lanes] = Max(partials[i % Lanes], values[i]);
        }

        return MaxTree(ref partials);
    }

    /// <summary>Folds 32 lane maxima with the fixed tree and returns lane 0.</summary>
    internal static float MaxTree(ref LanePartials partials)
    {
        for (int offset = Lanes / 2; offset > 0; offset /= 2)
        {
            for (int j = 0; j < offset; j++)
            {
                partials[j] = Max(partials[j], partials[j + offset]);
            }
        }

        return partials[0];
    }

    /// <summary>The maximum step of the canonical reduction: NaN if either is NaN, else the larger, else <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => a > b || float.IsNaN(a) ? a : b;

    /// <summary>Folds 32 lane partials with the fixed tree and returns lane 0.</summary>
    internal static float Tree(ref LanePartials partials)
    {
        for (int offset = Lanes / 2; offset > 0; offset /= 2)
        {
            for (int j = 0; j < offset; j++)
            {
                partials[j] += partials[j + offset];
            }
        }

        return partials[0];
    }

    /// <summary>The 32 lane partials of one reduction, on the stack.</summary>
    [InlineArray(Lanes)]
    internal struct LanePartials
    {
        private float _first;

        /// <summary>Every lane −0, the identity of addition.</summary>
        public static LanePartials Empty
        {
            get
            {
                LanePartials partials = default;
                ((Span<float>)partials).Fill(-0f);
                return partials;
            }
        }

        /// <summary>Every lane −∞, the identity of <see cref="Max(float, float)"/> (NaN aside).</summary>
        public static LanePartials NegativeInfinity
        {
            get
            {
                LanePartials partials = default;
                ((Span<float>)partials).Fill(float.NegativeInfinity);
                return partials;
            }
        }
    }
}
