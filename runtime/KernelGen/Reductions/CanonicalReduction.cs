using System;
using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// The canonical row reduction on the CPU (docs/arithmetic.md, rule 2): 32 logical lanes, lane j
/// the in-order sum of elements j, j + 32, j + 64, …, then the fixed tree p[j] += p[j + 16], + 8,
/// + 4, + 2, + 1. A GPU group of 32 threads gives the same bits with <see cref="GroupReduction"/>.
/// </summary>
/// <remarks>
/// Every lane starts at −0, the identity of IEEE addition (−0 + x is x for every x, +0 and −0
/// included), so a lane with no element and a row shorter than 32 need no special case.
/// </remarks>
public static class CanonicalReduction
{
    /// <summary>The number of logical lanes of every row reduction.</summary>
    public const int Lanes = 32;

    /// <summary>The canonical sum of <paramref name="values"/>.</summary>
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
    /// The canonical sum of squared deviations from <paramref name="center"/>: lane j accumulates
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
    /// The canonical maximum of <paramref name="values"/> (−∞ for an empty span): the same lanes
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
