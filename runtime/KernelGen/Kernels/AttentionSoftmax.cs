using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// The softmax of one query's scores, in place and a vector at a time: <c>m</c> = the canonical 32-lane max
/// (key j in lane j mod 32), <c>e_j = DetMath.Exp(s_j − m)</c>, <c>s</c> = the canonical 32-lane sum of the
/// <c>e_j</c>, <c>p_j = e_j / s</c>: lane by lane the operations of <see cref="Generated.AttentionKernels.ReferenceRow"/>.
/// </summary>
internal static class AttentionSoftmax
{
    /// <summary>
    /// Turns the scores of keys 0..<paramref name="visible"/>−1 at <paramref name="row"/> into probabilities.
    /// The row must have room for <see cref="PaddedLength"/>(<paramref name="visible"/>) floats: the last vector
    /// may run past <paramref name="visible"/>, and what lies there is overwritten (the reductions never read it).
    /// </summary>
    public static void Row<TOps, TVector>(ref float row, int visible)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        ReadOnlySpan<float> keys = MemoryMarshal.CreateReadOnlySpan(ref row, visible);
        int vectors = AttentionCpuKernel.RoundUp(visible, TOps.Lanes);
        TVector max = TOps.Broadcast(TOps.CanonicalMax(keys));
        int pairs = AttentionCpuKernel.RoundUp(visible, 2 * TOps.Lanes); // within PaddedLength: two vectors hold at most 32 floats
        for (int j = 0; j < pairs; j += 2 * TOps.Lanes)
        {
            TOps.ExpOfShiftedPair(ref Unsafe.Add(ref row, j), max);
        }

        TVector sum = TOps.Broadcast(TOps.CanonicalSum(keys));
        for (int j = 0; j < vectors; j += TOps.Lanes)
        {
            ref float at = ref Unsafe.Add(ref row, j);
            TOps.Store(TOps.Divide(TOps.Load(ref at), sum), ref at);
        }
    }

    /// <summary>The floats a row of <paramref name="visible"/> scores may occupy: whole groups of 32 lanes, which hold whole vectors and tiles on every path.</summary>
    public static int PaddedLength(int visible) => AttentionCpuKernel.RoundUp(visible, CanonicalReduction.Lanes);
}
