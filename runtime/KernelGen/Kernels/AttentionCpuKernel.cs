using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The CPU attention kernel: for each (sequence, head) it packs the keys transposed (<c>kᵀ[d][key]</c>) and the
/// values (<c>v[key][dim]</c>, padded to whole tiles) into the thread's cache-aligned scratch, once for all the
/// sequence's queries; then, 4 queries at a time, it computes their scores with <see cref="AttentionTiles"/>
/// (one accumulator per score, d ascending), the softmax of each row with <see cref="AttentionSoftmax"/>, and
/// their outputs (one accumulator per output, keys ascending). Every number is the one
/// <see cref="AttentionKernels.ReferenceRow"/> computes, on every <see cref="SimdPath"/>.
/// </summary>
internal static class AttentionCpuKernel
{
    /// <summary>Computes work items [<paramref name="firstItem"/>, <paramref name="endItem"/>) of <paramref name="call"/> on <paramref name="path"/>.</summary>
    public static void Items(SimdPath path, in AttentionCpuCall call, int firstItem, int endItem)
    {
        switch (path)
        {
            case SimdPath.Vector512:
                Items<AttentionVector512, Vector512<float>>(call, firstItem, endItem);
                break;
            case SimdPath.Vector256:
                Items<AttentionVector256, Vector256<float>>(call, firstItem, endItem);
                break;
            case SimdPath.Vector128:
                Items<AttentionVector128, Vector128<float>>(call, firstItem, endItem);
                break;
            case SimdPath.Scalar:
                Items<AttentionScalar, float>(call, firstItem, endItem);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, "A concrete SIMD path is required.");
        }
    }

    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="multiple"/>.</summary>
    public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static unsafe void Items<TOps, TVector>(in AttentionCpuCall call, int firstItem, int endItem)
        where TOps : struct, IAttentionVector<TVector>
        where TVector : struct
    {
        AttentionShape shape = call.Shape;
        int headDim = call.HeadDim, width = call.Width;
        int keyCapacity = AttentionSoftmax.PaddedLength(shape.Keys);
        int dimPadded = RoundUp(headDim, AttentionTiles.Vectors * TOps.Lanes);

        // Four sections, each starting on a cache line (the scratch does, and every length is a multiple of 16 floats).
        int keysLength, valuesLength, scoresLength, scratchLength;
        checked
        {
            keysLength = RoundUp(headDim * keyCapacity, 16);
            valuesLength = RoundUp(shape.Keys * dimPadded, 16);
            scoresLength = AttentionTiles.Rows * keyCapacity;
            scratchLength = keysLength + valuesLength + scoresLength + RoundUp(AttentionTiles.Rows * dimPadded, 16);
        }

        Span<float> scratch = AttentionScratch.ForCurrentThread(scratchLength);
        var head = new HeadBlock
        {
            KeysT = ref scratch[0],
            Values = ref scratch[keysLength],
            Scores = ref scratch[keysLength + valuesLength],
            Accumulators = ref scratch[keysLength + valuesLength + scoresLength],
            Width = width,
            HeadDim = headDim,
            DimPadded = dimPadded,
            Scale = call.Scale,
            Shape = shape,
        };

        int packedPair = -1;
        for (int item = firstItem; item < endItem; item++)
        {
            int pair = item / call.QueryBlocks;
            int sequence = pair / call.Heads;
            int headOffset = pair % call.Heads * headDim;
            int firstQuery = item % call.QueryBlocks * call.QueryBlockLength;
            int endQuery = Math.Min(firstQuery + call.QueryBlockLength, shape.Queries);
            head.ValidLength = call.ValidLengths[sequence];
            head.Query = ref Unsafe.AsRef<float>(call.Q + ((long)sequence * shape.Queries * width) + headOffset);
            head.Output = ref Unsafe.AsRef<float>(call.Output + ((long)sequence * shape.Queries * width) + headOffset);

            // The most keys any query of the sequence sees (the count only grows with the query's position).
            int keys = shape.VisibleKeys(shape.Queries - 1, head.ValidLength);
            if (keys == 0)
            {
                head.ClearOutputs(firstQuery, endQuery);
                continue;
            }

            if (pair != packedPair)
            {
                long rows = (long)sequence * shape.Keys * width;
                head.Pack(ref Unsafe.AsRef<float>(call.K + rows + headOffset), ref Unsafe.AsRef<float>(call.V + rows + headOffset), keys);
                packedPair = pair;
            }

            int query = firstQuery;
            for (; query + AttentionTiles.Rows <= endQuery; query += AttentionTiles.Rows)
            {
                head.FourQueries<TOps, TVector>(query);
            }

            for (; query < endQuery; query++)
            {
                head.OneQuery<TOps, TVector>(query);
            }
        }
    }

    /// <summary>One (sequence, head): where its queries, outputs and packed keys and values lie, and the passes over them.</summary>
    private ref struct HeadBlock
    {
        private const int PackBlock = 16;

        /// <summary>Query 0's head; queries <see cref="Width"/> apart.</summary>
        public ref float Query;

        /// <summary>Query 0's output head; rows <see cref="Width"/> apart.</summary>
        public ref float Output;

        /// <summary>kᵀ: d rows <see cref="KeyStride"/> apart, key j at column j; zeros past the packed keys.</summary>
        public ref float KeysT;

        /// <summary>v: key rows <see cref="DimPadded"/> apart, zeros past <see cref="HeadDim"/>.</summary>
        public ref float Values;

        /// <summary>4 rows of scores, then probabilities, <see cref="KeyStride"/> apart.</summary>
        public ref float Scores;

        /// <summary>4 rows of output chains, <see cref="DimPadded"/> apart.</summary>
        public ref float Accumulators;

        public int Width;
        public int HeadDim;
        public int DimPadded;
        public int KeyStride;
        public int ValidLength;
        public float Scale;
        public AttentionShape Shape;

        /// <summary>Packs <paramref name="keys"/> keys (kᵀ) and values of the head at <paramref name="key0"/> and <paramref name="value0"/>.</summary>
        public void Pack(ref float key0, ref float value0, int keys)
        {
            KeyStride = AttentionSoftmax.PaddedLength(keys);

            // Transposed 16 keys at a time: their rows stay in L1 while each d writes one whole line of kᵀ.
            for (int block = 0; block < keys; block += PackBlock)
            {
                int blockKeys = Math.Min(PackBlock, keys - block);
                ref float source = ref Unsafe.Add(ref key0, (nint)block * Width);
                for (int d = 0; d < HeadDim; d++)
                {
                    ref float destination = ref Unsafe.Add(ref KeysT, (d * KeyStride) + block);
                    for (int j = 0; j < blockKeys; j++)
                    {
                        Unsafe.Add(ref destination, j) = Unsafe.Add(ref source, ((nint)j * Width) + d);
                    }
                }
            }

            for (int d = 0; d < HeadDim; d++)
            {
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref KeysT, (d * KeyStride) + keys), KeyStride - keys).Clear();
            }

            for (int j = 0; j < keys; j++)
            {
                Span<float> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Values, j * DimPadded), DimPadded);
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref value0, (nint)j * Width), HeadDim).CopyTo(row);
                row[HeadDim..].Clear();
            }
        }

        /// <summary>Queries <paramref name="query"/>..+3: scores, softmax, outputs.</summary>
        public readonly void FourQueries<TOps, TVector>(int query)
            where TOps : struct, IAttentionVector<TVector>
            where TVector : struct
        {
            int columns = AttentionTiles.Vectors * TOps.Lanes;
            int fewest = Visible(query), most = Visible(query + AttentionTiles.Rows - 1);
            ref float q = ref Unsafe.Add(ref Query, (nint)query * Width);
            for (int key = 0; key < most; key += columns)
            {
                AttentionTiles.Scores4x2<TOps, TVector>(ref q, Width, ref Unsafe.Add(ref KeysT, key), KeyStride, HeadDim, Scale, ref Unsafe.Add(ref Scores, key), KeyStride);
            }

            for (int row = 0; row < AttentionTiles.Rows; row++)
            {
                Softmax<TOps, TVector>(row, Visible(query + row));
            }

            MemoryMarshal.CreateSpan(ref Accumulators, AttentionTiles.Rows * DimPadded).Clear();
            for (int dim = 0; dim < DimPadded; dim += columns)
            {
                // Keys every row sees run in the 4-row tile; a causal row's last few keys continue its own chains.
                AttentionTiles.Values4x2<TOps, TVector>(ref Scores, KeyStride, ref Unsafe.Add(ref Values, dim), DimPadded, 0, fewest, ref Unsafe.Add(ref Accumulators, dim), DimPadded);
                for (int row = 1; row < AttentionTiles.Rows; row++)
                {
                    int visible = Visible(query + row);
                    if (visible > fewest)
                    {
                        AttentionTiles.Values1x2<TOps, TVector>(
                            ref Unsafe.Add(ref Scores, row * KeyStride), ref Unsafe.Add(ref Values, dim), DimPadded, fewest, visible, ref Unsafe.Add(ref Accumulators, (row * DimPadded) + dim));
                    }
                }
            }

            for (int row = 0; row < AttentionTiles.Rows; row++)
            {
                WriteOutput(row, query + row);
            }
        }

        /// <summary>Query <paramref name="query"/> alone: scores, softmax, outputs.</summary>
        public readonly void OneQuery<TOps, TVector>(int query)
            where TOps : struct, IAttentionVector<TVector>
            where TVector : struct
        {
            int columns = AttentionTiles.Vectors * TOps.Lanes;
            int visible = Visible(query);
            ref float q = ref Unsafe.Add(ref Query, (nint)query * Width);
            for (int key = 0; key < visible; key += columns)
            {
                AttentionTiles.Scores1x2<TOps, TVector>(ref q, ref Unsafe.Add(ref KeysT, key), KeyStride, HeadDim, Scale, ref Unsafe.Add(ref Scores, key));
            }

            Softmax<TOps, TVector>(0, visible);
            MemoryMarshal.CreateSpan(ref Accumulators, DimPadded).Clear();
            for (int dim = 0; dim < DimPadded; dim += columns)
            {
                AttentionTiles.Values1x2<TOps, TVector>(ref Scores, ref Unsafe.Add(ref Values, dim), DimPadded, 0, visible, ref Unsafe.Add(ref Accumulators, dim));
            }

            WriteOutput(0, query);
        }

        /// <summary>Writes zeros to the outputs of queries [<paramref name="firstQuery"/>, <paramref name="endQuery"/>), which see no key.</summary>
        public readonly void ClearOutputs(int firstQuery, int endQuery)
        {
            for (int query = firstQuery; query < endQuery; query++)
            {
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Output, (nint)query * Width), HeadDim).Clear();
            }
        }

        private readonly int Visible(int query) => Shape.VisibleKeys(query, ValidLength);

        private readonly void Softmax<TOps, TVector>(int row, int visible)
            where TOps : struct, IAttentionVector<TVector>
            where TVector : struct
        {
            if (visible > 0)
            {
                AttentionSoftmax.Row<TOps, TVector>(ref Unsafe.Add(ref Scores, row * KeyStride), visible);
            }
        }

        private readonly void WriteOutput(int row, int query)
        {
            ref float chains = ref Unsafe.Add(ref Accumulators, row * DimPadded);
            ref float output = ref Unsafe.Add(ref Output, (nint)query * Width);
            for (int d = 0; d < HeadDim; d++)
            {
                Unsafe.Add(ref output, d) = DetMath.CanonicalizeNaN(Unsafe.Add(ref chains, d));
            }
        }
    }
}
