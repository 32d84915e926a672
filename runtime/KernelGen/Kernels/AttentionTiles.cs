using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// The register tiles of the CPU attention kernel. A score tile holds one accumulator per (query, key)
/// score and runs d = 0..headDim−1 inside it: <c>acc = fma(q[d], kᵀ[d][key], acc)</c>, then <c>× scale</c>
/// once. A value tile holds one accumulator per (query, output dimension) and runs keys ascending inside
/// it: <c>acc = fma(p[key], v[key][dim], acc)</c>. Both are the scalar kernel's chains, lane by lane.
/// </summary>
internal static class AttentionTiles
{
    /// <summary>Queries per tile: 4 queries × 2 vectors = 8 accumulators, which fit the 16-register paths too.</summary>
    public const int Rows = 4;

    /// <summary>Vectors per tile row.</summary>
    public const int Vectors = 2;

    /// <summary>
    /// Scores of 4 queries × 2 vectors of keys: <paramref name="query"/> is query 0's head (queries
    /// <paramref name="queryStride"/> apart), <paramref name="keys"/> the packed kᵀ at the first key (d rows
    /// <paramref name="keyStride"/> apart), <paramref name="scores"/> query 0's scores at that key (rows
    /// <paramref name="scoreStride"/> apart).
    /// </summary>
    public static void Scores4x2<TOps, TVector>(ref float query, int queryStride, ref float keys, int keyStride, int headDim, float scale, ref float scores, int scoreStride)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        TVector acc00 = TOps.Zero, acc01 = TOps.Zero, acc10 = TOps.Zero, acc11 = TOps.Zero;
        TVector acc20 = TOps.Zero, acc21 = TOps.Zero, acc30 = TOps.Zero, acc31 = TOps.Zero;
        ref float q1 = ref Unsafe.Add(ref query, queryStride);
        ref float q2 = ref Unsafe.Add(ref query, 2 * queryStride);
        ref float q3 = ref Unsafe.Add(ref query, 3 * queryStride);
        ref float kd = ref keys;
        for (int d = 0; d < headDim; d++)
        {
            TVector k0 = TOps.Load(ref kd);
            TVector k1 = TOps.Load(ref Unsafe.Add(ref kd, TOps.Lanes));
            TVector x = TOps.Broadcast(Unsafe.Add(ref query, d));
            acc00 = TOps.Fma(x, k0, acc00);
            acc01 = TOps.Fma(x, k1, acc01);
            x = TOps.Broadcast(Unsafe.Add(ref q1, d));
            acc10 = TOps.Fma(x, k0, acc10);
            acc11 = TOps.Fma(x, k1, acc11);
            x = TOps.Broadcast(Unsafe.Add(ref q2, d));
            acc20 = TOps.Fma(x, k0, acc20);
            acc21 = TOps.Fma(x, k1, acc21);
            x = TOps.Broadcast(Unsafe.Add(ref q3, d));
            acc30 = TOps.Fma(x, k0, acc30);
            acc31 = TOps.Fma(x, k1, acc31);
            kd = ref Unsafe.Add(ref kd, keyStride);
        }

        TVector s = TOps.Broadcast(scale);
        StoreScaledPair<TOps, TVector>(ref scores, acc00, acc01, s);
        StoreScaledPair<TOps, TVector>(ref Unsafe.Add(ref scores, scoreStride), acc10, acc11, s);
        StoreScaledPair<TOps, TVector>(ref Unsafe.Add(ref scores, 2 * scoreStride), acc20, acc21, s);
        StoreScaledPair<TOps, TVector>(ref Unsafe.Add(ref scores, 3 * scoreStride), acc30, acc31, s);
    }

    /// <summary>Scores of 1 query × 2 vectors of keys, laid out as in <see cref="Scores4x2"/>.</summary>
    public static void Scores1x2<TOps, TVector>(ref float query, ref float keys, int keyStride, int headDim, float scale, ref float scores)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        TVector acc0 = TOps.Zero, acc1 = TOps.Zero;
        ref float kd = ref keys;
        for (int d = 0; d < headDim; d++)
        {
            TVector x = TOps.Broadcast(Unsafe.Add(ref query, d));
            acc0 = TOps.Fma(x, TOps.Load(ref kd), acc0);
            acc1 = TOps.Fma(x, TOps.Load(ref Unsafe.Add(ref kd, TOps.Lanes)), acc1);
            kd = ref Unsafe.Add(ref kd, keyStride);
        }

        StoreScaledPair<TOps, TVector>(ref scores, acc0, acc1, TOps.Broadcast(scale));
    }

    /// <summary>
    /// Continues the output chains of 4 queries × 2 vectors of dimensions over keys [<paramref name="firstKey"/>,
    /// <paramref name="endKey"/>): <paramref name="probabilities"/> is query 0's row (rows
    /// <paramref name="probabilityStride"/> apart), <paramref name="values"/> the packed v at the first dimension
    /// (keys <paramref name="valueStride"/> apart), <paramref name="accumulators"/> query 0's chains, read and
    /// written back (rows <paramref name="accumulatorStride"/> apart).
    /// </summary>
    public static void Values4x2<TOps, TVector>(
        ref float probabilities, int probabilityStride, ref float values, int valueStride, int firstKey, int endKey, ref float accumulators, int accumulatorStride)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        int lanes = TOps.Lanes;
        ref float a1 = ref Unsafe.Add(ref accumulators, accumulatorStride);
        ref float a2 = ref Unsafe.Add(ref accumulators, 2 * accumulatorStride);
        ref float a3 = ref Unsafe.Add(ref accumulators, 3 * accumulatorStride);
        TVector acc00 = TOps.Load(ref accumulators), acc01 = TOps.Load(ref Unsafe.Add(ref accumulators, lanes));
        TVector acc10 = TOps.Load(ref a1), acc11 = TOps.Load(ref Unsafe.Add(ref a1, lanes));
        TVector acc20 = TOps.Load(ref a2), acc21 = TOps.Load(ref Unsafe.Add(ref a2, lanes));
        TVector acc30 = TOps.Load(ref a3), acc31 = TOps.Load(ref Unsafe.Add(ref a3, lanes));
        ref float p1 = ref Unsafe.Add(ref probabilities, probabilityStride);
        ref float p2 = ref Unsafe.Add(ref probabilities, 2 * probabilityStride);
        ref float p3 = ref Unsafe.Add(ref probabilities, 3 * probabilityStride);
        ref float vj = ref Unsafe.Add(ref values, (nint)firstKey * valueStride);
        for (int j = firstKey; j < endKey; j++)
        {
            TVector v0 = TOps.Load(ref vj);
            TVector v1 = TOps.Load(ref Unsafe.Add(ref vj, lanes));
            TVector x = TOps.Broadcast(Unsafe.Add(ref probabilities, j));
            acc00 = TOps.Fma(x, v0, acc00);
            acc01 = TOps.Fma(x, v1, acc01);
            x = TOps.Broadcast(Unsafe.Add(ref p1, j));
            acc10 = TOps.Fma(x, v0, acc10);
            acc11 = TOps.Fma(x, v1, acc11);
            x = TOps.Broadcast(Unsafe.Add(ref p2, j));
            acc20 = TOps.Fma(x, v0, acc20);
            acc21 = TOps.Fma(x, v1, acc21);
            x = TOps.Broadcast(Unsafe.Add(ref p3, j));
            acc30 = TOps.Fma(x, v0, acc30);
            acc31 = TOps.Fma(x, v1, acc31);
            vj = ref Unsafe.Add(ref vj, valueStride);
        }

        StorePair<TOps, TVector>(ref accumulators, acc00, acc01);
        StorePair<TOps, TVector>(ref a1, acc10, acc11);
        StorePair<TOps, TVector>(ref a2, acc20, acc21);
        StorePair<TOps, TVector>(ref a3, acc30, acc31);
    }

    /// <summary>Continues the output chains of 1 query × 2 vectors of dimensions, laid out as in <see cref="Values4x2"/>.</summary>
    public static void Values1x2<TOps, TVector>(ref float probabilities, ref float values, int valueStride, int firstKey, int endKey, ref float accumulators)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        int lanes = TOps.Lanes;
        TVector acc0 = TOps.Load(ref accumulators), acc1 = TOps.Load(ref Unsafe.Add(ref accumulators, lanes));
        ref float vj = ref Unsafe.Add(ref values, (nint)firstKey * valueStride);
        for (int j = firstKey; j < endKey; j++)
        {
            TVector x = TOps.Broadcast(Unsafe.Add(ref probabilities, j));
            acc0 = TOps.Fma(x, TOps.Load(ref vj), acc0);
            acc1 = TOps.Fma(x, TOps.Load(ref Unsafe.Add(ref vj, lanes)), acc1);
            vj = ref Unsafe.Add(ref vj, valueStride);
        }

        StorePair<TOps, TVector>(ref accumulators, acc0, acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaledPair<TOps, TVector>(ref float destination, TVector v0, TVector v1, TVector scale)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        TOps.Store(TOps.Multiply(v0, scale), ref destination);
        TOps.Store(TOps.Multiply(v1, scale), ref Unsafe.Add(ref destination, TOps.Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<TOps, TVector>(ref float destination, TVector v0, TVector v1)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        TOps.Store(v0, ref destination);
        TOps.Store(v1, ref Unsafe.Add(ref destination, TOps.Lanes));
    }
}
