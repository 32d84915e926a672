using System.Numerics;
using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// The vector forms of <see cref="DetMath"/>, written once over the vector width
/// (<typeparamref name="TWidth"/>). Each lane gives exactly the bits of the scalar function.
/// </summary>
/// <remarks>
/// <para>How the bits are kept: every function widens its float lanes to double lanes (both halves
/// of the vector at once) and runs, per lane, the very sequence of IEEE double operations that the scalar function runs with
/// <see cref="CpuMath"/> (same constants, same order, the same fused multiply-adds). Where the
/// scalar code branches, the vector code evaluates each branch that some lane takes (skipping those
/// no lane takes) and selects per lane. The float conversion at the end rounds to nearest even,
/// like the scalar cast.</para>
/// <para>Lanes whose scalar path is not mirrored fall back to the scalar function, one lane at a
/// time: inputs in a function's tiny range, and the lanes where the scalar code would take its
/// rare exact-rounding path (a double-double result exactly on a float midpoint, Log near a midpoint).
/// The vector code flags a superset of those lanes, so every lane gets the scalar bits.</para>
/// </remarks>
/// <typeparam name="TWidth">The vector width.</typeparam>
/// <typeparam name="TFloat">Its float vector.</typeparam>
/// <typeparam name="TDouble">Its lanes as doubles (<see cref="VectorPair{TVector}"/>).</typeparam>
internal static partial class VectorDetMath<TWidth, TFloat, TDouble>
    where TWidth : struct, ISimdWidth<TFloat, TDouble>
    where TFloat : struct
    where TDouble : struct
{
    /// <summary>2^-126, the smallest normal float: below it the float grid is no longer relative.</summary>
    private const double SmallestNormalFloat = 1.1754943508222875e-38;

    /// <summary>
    /// Replaces the lanes set in <paramref name="lanes"/> by the scalar function of the input lane:
    /// the rare lanes the vector code does not mirror.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe TFloat WithScalarLanes(TFloat x, TFloat y, uint lanes, delegate*<float, float> scalar)
    {
        do
        {
            int lane = BitOperations.TrailingZeroCount(lanes);
            y = TWidth.WithElement(y, lane, scalar(TWidth.GetElement(x, lane)));
            lanes &= lanes - 1;
        }
        while (lanes != 0);

        return y;
    }

    /// <summary>Whether any lane of <paramref name="mask"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Any(TDouble mask) => TWidth.MaskBits(mask) != 0;

    /// <summary>The mask bits of a vector whose every lane is set (see <see cref="ISimdWidth{TFloat, TDouble}.MaskBits(TDouble)"/>).</summary>
    private static uint AllLanesBits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (uint)((1UL << TWidth.FloatCount) - 1);
    }

    /// <summary>
    /// The lanes where rounding <paramref name="y"/> to float might not be decided by <paramref name="y"/>
    /// alone: within <paramref name="units"/> double ulps (of <paramref name="y"/>'s binade) of a midpoint
    /// between two floats, or below the normal floats (where that grid is not relative).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble NearFloatMidpoint(TDouble y, long units) =>
        TWidth.Or(WithinUnitsOfMidpoint(y, units), TWidth.Less(TWidth.Abs(y), SmallestNormalFloat));

    /// <summary>
    /// The lanes where <paramref name="y"/> lies within <paramref name="units"/> double ulps of a midpoint
    /// between two floats, subnormal floats included: there an approximation of the exact result may round
    /// to either float. For <c>|y| ≥ 2^-126</c> the unit is an ulp of <paramref name="y"/>'s binade; below,
    /// it is 2^-178 (an ulp of the binade [2^-126, 2^-125), where <c>|y| + 2^-126</c> is taken).
    /// </summary>
    /// <remarks>
    /// The subnormal floats are the multiples of 2^-149, and so are the floats of [2^-126, 2^-125):
    /// <c>|y| + 2^-126</c> (rounded by at most half a unit) has a midpoint of that binade exactly where
    /// <c>|y|</c> has a subnormal midpoint.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble NearFloatRoundingBoundary(TDouble y, long units)
    {
        TDouble magnitude = TWidth.Abs(y);
        TDouble shifted = TWidth.Add(magnitude, SmallestNormalFloat);
        return WithinUnitsOfMidpoint(TWidth.Select(TWidth.Less(magnitude, SmallestNormalFloat), shifted, magnitude), units);
    }

    /// <summary>
    /// The lanes within <paramref name="units"/> double ulps (of <paramref name="y"/>'s binade) of a
    /// midpoint between two floats of that binade.
    /// </summary>
    /// <remarks>
    /// In a binade the floats are every 2^29 double ulps, so the midpoints are the doubles whose 29 low
    /// significand bits are 2^28: a lane is near one when <c>|low29 − 2^28| ≤ units</c>, that is when
    /// <c>(low29 − 2^28 + units) mod 2^29 ≤ 2·units</c> (for <c>units &lt; 2^28</c> the other residues are above
    /// <c>2^28 + units</c>). Adding <c>2^28 + units</c> to the whole pattern and keeping 29 bits gives that
    /// residue (it differs from the one wanted by 2^29): three integer operations.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble WithinUnitsOfMidpoint(TDouble y, long units)
    {
        const long MidpointLowBits = 1L << 28;
        TDouble residue = TWidth.AndBits(TWidth.AddBits(y, (ulong)(MidpointLowBits + units)), 0x1FFF_FFFF);
        return TWidth.LessBits(residue, (2 * units) + 1);
    }

    // DoubleDouble<CpuMath>, lane-wise.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble TwoProduct(TDouble a, TDouble b, out TDouble lo)
    {
        TDouble hi = TWidth.Mul(a, b);
        lo = TWidth.Fma(a, b, TWidth.Neg(hi));
        return hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble TwoSum(TDouble a, TDouble b, out TDouble lo)
    {
        TDouble hi = TWidth.Add(a, b);
        TDouble bPart = TWidth.Sub(hi, a);
        TDouble aPart = TWidth.Sub(hi, bPart);
        lo = TWidth.Add(TWidth.Sub(a, aPart), TWidth.Sub(b, bPart));
        return hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble FastTwoSum(TDouble a, TDouble b, out TDouble lo)
    {
        TDouble hi = TWidth.Add(a, b);
        lo = TWidth.Sub(b, TWidth.Sub(hi, a));
        return hi;
    }
}
