using ILGPU;

namespace KernelGen;

/// <summary>
/// The canonical row reduction's fixed tree (docs/arithmetic.md, rule 2) across the 32 lanes of a warp, with
/// shuffles: lane j adds lane j + 16's partial, then + 8, + 4, + 2, + 1, and every lane gets lane 0's result — the
/// bits of <see cref="CanonicalReduction"/> and <see cref="GroupReduction"/>, without shared memory or barriers.
/// </summary>
/// <remarks>Every lane of the warp must call these together. The steps are written out (ILGPU does not unroll).</remarks>
public static class WarpReduction
{
    /// <summary>The canonical sum of the warp's lane partials.</summary>
    /// <typeparam name="TMath">The kernel's arithmetic: additions are never fused.</typeparam>
    /// <param name="partial">This lane's partial (the in-order sum of its elements).</param>
    public static float Sum<TMath>(float partial)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        partial = math.Add(partial, Warp.ShuffleDown(partial, 16));
        partial = math.Add(partial, Warp.ShuffleDown(partial, 8));
        partial = math.Add(partial, Warp.ShuffleDown(partial, 4));
        partial = math.Add(partial, Warp.ShuffleDown(partial, 2));
        partial = math.Add(partial, Warp.ShuffleDown(partial, 1));
        return Warp.Shuffle(partial, 0);
    }

    /// <summary>The canonical maximum of the warp's lane maxima (<see cref="CanonicalReduction.Max(float, float)"/> at each step).</summary>
    /// <param name="partial">This lane's maximum.</param>
    public static float Max(float partial)
    {
        partial = CanonicalReduction.Max(partial, Warp.ShuffleDown(partial, 16));
        partial = CanonicalReduction.Max(partial, Warp.ShuffleDown(partial, 8));
        partial = CanonicalReduction.Max(partial, Warp.ShuffleDown(partial, 4));
        partial = CanonicalReduction.Max(partial, Warp.ShuffleDown(partial, 2));
        partial = CanonicalReduction.Max(partial, Warp.ShuffleDown(partial, 1));
        return Warp.Shuffle(partial, 0);
    }
}
