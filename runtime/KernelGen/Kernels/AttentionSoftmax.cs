using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// The softmax of one query's scores, in place and a vector at a time: <c>m</c> = the canonical 32-lane max
/// (key j in lane j mod 32), <c>e_j = DetMath.Exp(s_j − m)</c>, <c>s</c> = the canonical 32-lane sum of the
/// <c>e_j</c>, <c>p_j = e_j / s</c>. The same operations on the same values in the same lanes as
/// <see cref="CanonicalReduction.Max(System.ReadOnlySpan{float})"/> and <see cref="CanonicalReduction.Sum"/>.
/// </summary>
internal static class AttentionSoftmax
{
    /// <summary>
    /// Turns the scores of keys 0..<paramref name="visible"/>−1 at <paramref name="row"/> into probabilities.
    /// The row must have room for <see cref="PaddedLength"/>(<paramref name="visible"/>) floats; what lies past
    /// <paramref name="visible"/> is overwritten.
    /// </summary>
    public static void Row<TOps, TVector>(ref float row, int visible)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        int padded = PaddedLength(visible);
        int vectors = AttentionCpuKernel.RoundUp(visible, TOps.Lanes);
        Span<float> tail = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref row, visible), padded - visible);

        // The lanes past the last key hold the identity of the reduction (−∞ for the max, −0 for the sum),
        // which leaves every partial exactly as if those keys were skipped.
        tail.Fill(float.NegativeInfinity);
        TVector max = TOps.Broadcast(Max<TOps, TVector>(ref row, padded));
        for (int j = 0; j < vectors; j += TOps.Lanes)
        {
            ref float at = ref Unsafe.Add(ref row, j);
            TOps.Store(TOps.Exp(TOps.Subtract(TOps.Load(ref at), max)), ref at);
        }

        tail.Fill(-0f);
        TVector sum = TOps.Broadcast(Sum<TOps, TVector>(ref row, padded));
        for (int j = 0; j < vectors; j += TOps.Lanes)
        {
            ref float at = ref Unsafe.Add(ref row, j);
            TOps.Store(TOps.Divide(TOps.Load(ref at), sum), ref at);
        }
    }

    /// <summary>The floats a row of <paramref name="visible"/> scores occupies during the softmax: whole groups of 32 lanes.</summary>
    public static int PaddedLength(int visible) => AttentionCpuKernel.RoundUp(visible, CanonicalReduction.Lanes);

    // Lanes [block, block + Lanes) of the 32 accumulate one vector, chunk by chunk of 32 keys in order.
    private static float Max<TOps, TVector>(ref float row, int padded)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        CanonicalReduction.LanePartials partials = default;
        for (int block = 0; block < CanonicalReduction.Lanes; block += TOps.Lanes)
        {
            TVector acc = TOps.Broadcast(float.NegativeInfinity);
            for (int chunk = block; chunk < padded; chunk += CanonicalReduction.Lanes)
            {
                acc = TOps.Max(acc, TOps.Load(ref Unsafe.Add(ref row, chunk)));
            }

            TOps.Store(acc, ref partials[block]);
        }

        return CanonicalReduction.MaxTree(ref partials);
    }

    private static float Sum<TOps, TVector>(ref float row, int padded)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        CanonicalReduction.LanePartials partials = default;
        for (int block = 0; block < CanonicalReduction.Lanes; block += TOps.Lanes)
        {
            TVector acc = TOps.Broadcast(-0f);
            for (int chunk = block; chunk < padded; chunk += CanonicalReduction.Lanes)
            {
                acc = TOps.Add(acc, TOps.Load(ref Unsafe.Add(ref row, chunk)));
            }

            TOps.Store(acc, ref partials[block]);
        }

        return CanonicalReduction.Tree(ref partials);
    }
}
