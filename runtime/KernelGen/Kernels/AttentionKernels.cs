using System;
using System.ComponentModel;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// Scaled dot-product attention for one (sequence, query, head), written once for the CPU and once
/// for a GPU warp of 32 threads, step for step the same operations (docs/layers/attention.md):
/// <list type="number">
/// <item>score_j = (fma chain over d ascending of q[d]·k_j[d], from 0) × scale, for each visible key j;</item>
/// <item>m = canonical 32-lane max of the scores (key j in lane j mod 32);</item>
/// <item>e_j = DetMath.Exp(score_j − m); s = canonical 32-lane sum of the e_j; p_j = e_j / s;</item>
/// <item>out[d] = fma chain over visible keys j ascending of p_j·v_j[d], from 0.</item>
/// </list>
/// A query that sees no key outputs zeros. Keys are never split: on the GPU they are staged in tiles, each lane's
/// chains continuing from tile to tile. The layers' CPU path computes the same numbers
/// a tile of queries at a time (<see cref="AttentionLayer.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, bool, ReadOnlySpan{int}, CpuExecutionOptions?)"/>, docs/cpu-kernels.md, "Attention").
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AttentionKernels
{
    /// <summary>
    /// Attention of one query row for one head on the CPU, written as plainly as the definition: the reference
    /// that <see cref="AttentionCpuKernel"/> (the layers' CPU kernel) equals bit for bit, kept for the tests and
    /// the benchmark's baseline (<see cref="AttentionReference"/>).
    /// </summary>
    /// <param name="query">The head's query, <paramref name="headDim"/> values.</param>
    /// <param name="keys">Key rows of the sequence; key j's head values at <c>j·rowStride + headOffset</c>.</param>
    /// <param name="values">Value rows, laid out as <paramref name="keys"/>.</param>
    /// <param name="rowStride">The stride between key (and value) rows (heads × headDim).</param>
    /// <param name="headOffset">The head's offset within a row.</param>
    /// <param name="visibleKeys">Keys 0..visibleKeys−1 are attended.</param>
    /// <param name="headDim">The head length.</param>
    /// <param name="scale">The score scale.</param>
    /// <param name="scores">Scratch of at least <paramref name="visibleKeys"/> floats.</param>
    /// <param name="output">The head's output, <paramref name="headDim"/> values.</param>
    internal static void ReferenceRow(
        ReadOnlySpan<float> query, ReadOnlySpan<float> keys, ReadOnlySpan<float> values, int rowStride, int headOffset, int visibleKeys, int headDim, float scale, Span<float> scores, Span<float> output)
    {
        if (visibleKeys == 0)
        {
            output[..headDim].Clear();
            return;
        }

        Span<float> p = scores[..visibleKeys];
        for (int j = 0; j < visibleKeys; j++)
        {
            ReadOnlySpan<float> key = keys.Slice((j * rowStride) + headOffset, headDim);
            float dot = 0f;
            for (int d = 0; d < headDim; d++)
            {
                dot = DetMath.Fma(query[d], key[d], dot);
            }

            p[j] = dot * scale;
        }

        float max = CanonicalReduction.Max(p);
        for (int j = 0; j < visibleKeys; j++)
        {
            p[j] = DetMath.Exp(p[j] - max);
        }

        float sum = CanonicalReduction.Sum(p);
        for (int j = 0; j < visibleKeys; j++)
        {
            p[j] /= sum;
        }

        for (int d = 0; d < headDim; d++)
        {
            float acc = 0f;
            for (int j = 0; j < visibleKeys; j++)
            {
                acc = DetMath.Fma(p[j], values[(j * rowStride) + headOffset + d], acc);
            }

            output[d] = DetMath.CanonicalizeNaN(acc);
        }
    }

    /// <summary>Queries a GPU group works on: one warp each, sharing the key and value tiles it stages.</summary>
    public const int WarpsPerGroup = 4;

    /// <summary>Threads in a GPU group.</summary>
    public const int GroupSize = WarpsPerGroup * CanonicalReduction.Lanes;

    /// <summary>Keys in a staged tile: one per lane.</summary>
    public const int TileKeys = CanonicalReduction.Lanes;

    /// <summary>Head dimensions in a staged tile; longer heads are staged in parts.</summary>
    public const int TileDims = 128;

    /// <summary>Floats of shared memory a group stages tiles in: <see cref="TileKeys"/> rows padded to <see cref="TileDims"/> + 1.</summary>
    public const int TileLength = TileKeys * (TileDims + 1);

    /// <summary>The groups of a launch: one per (sequence, head, <see cref="WarpsPerGroup"/> consecutive queries).</summary>
    /// <param name="shape">The launch's extents.</param>
    /// <param name="heads">The declared number of heads.</param>
    public static int Groups(AttentionShape shape, int heads) =>
        checked(shape.Batch * heads * QueryBlocks(shape));

    private static int QueryBlocks(AttentionShape shape) => (shape.Queries + WarpsPerGroup - 1) / WarpsPerGroup;

    /// <summary>
    /// Attention on the GPU for group <c>Grid.IdxX</c> = (sequence, head, a block of <see cref="WarpsPerGroup"/>
    /// queries), one warp per query. The group stages <see cref="TileKeys"/> key rows of its head at a time in shared
    /// memory (rows padded by one float, so the 32 lanes read 32 banks), lane t scores keys t, t + 32, … from them;
    /// then the value rows the same way, lane t accumulating output dimensions t, t + 32, …. Every number is the one
    /// the definition above gives (the same FMA chains in the same order, the warp's canonical reductions), so the
    /// bits are the CPU's.
    /// </summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="q">Queries, [batch, queries, heads·headDim].</param>
    /// <param name="k">Keys, [batch, keys, heads·headDim].</param>
    /// <param name="v">Values, laid out as <paramref name="k"/>.</param>
    /// <param name="output">Outputs, laid out as <paramref name="q"/>.</param>
    /// <param name="validLengths">Real tokens per sequence.</param>
    /// <param name="probabilities">Global scratch of batch·queries·heads·keys floats.</param>
    /// <param name="tile">Shared memory of <see cref="TileLength"/> floats.</param>
    /// <param name="shape">The launch's extents.</param>
    /// <param name="heads">The declared number of heads.</param>
    /// <param name="headDim">The declared head length.</param>
    /// <param name="scale">The score scale.</param>
    public static void WarpPerQuery<TMath>(
        ArrayView<float> q,
        ArrayView<float> k,
        ArrayView<float> v,
        ArrayView<float> output,
        ArrayView<int> validLengths,
        ArrayView<float> probabilities,
        ArrayView<float> tile,
        AttentionShape shape,
        int heads,
        int headDim,
        float scale)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Warp.LaneIdx;
        int queryBlocks = QueryBlocks(shape);
        int block = Grid.IdxX;
        int firstQuery = block % queryBlocks * WarpsPerGroup;
        int head = block / queryBlocks % heads;
        int sequence = block / queryBlocks / heads;
        int query = firstQuery + Warp.WarpIdx;
        int validLength = validLengths[sequence];
        bool isQuery = query < shape.Queries;
        int visible = isQuery ? shape.VisibleKeys(query, validLength) : 0;
        int groupKeys = 0; // the most keys any query of the group sees: every warp stages that many
        for (int other = firstQuery; other < firstQuery + WarpsPerGroup && other < shape.Queries; other++)
        {
            groupKeys = Math.Max(groupKeys, shape.VisibleKeys(other, validLength));
        }

        int width = heads * headDim;
        long keyBase = ((long)sequence * shape.Keys * width) + ((long)head * headDim);
        long row = isQuery ? ((long)sequence * shape.Queries) + query : 0; // a warp past the last query reads row 0 and writes nothing
        ArrayView<float> queryRow = q.SubView((row * width) + ((long)head * headDim), headDim);
        ArrayView<float> outputRow = output.SubView((row * width) + ((long)head * headDim), headDim);
        ArrayView<float> p = probabilities.SubView(((row * heads) + head) * shape.Keys, shape.Keys);

        // Scores: lane t's key of each tile, its FMA chain continued over the tile's parts of the head.
        float max = float.NegativeInfinity;
        for (int start = 0; start < groupKeys; start += TileKeys)
        {
            int keys = Math.Min(TileKeys, groupKeys - start);
            int key = start + lane;
            float dot = 0f;
            for (int d0 = 0; d0 < headDim; d0 += TileDims)
            {
                int dims = Math.Min(TileDims, headDim - d0);
                StageTile(k, tile, keyBase + ((long)start * width) + d0, keys, dims, width);
                if (key < visible)
                {
                    int at = lane * (dims + 1);
                    for (int d = 0; d < dims; d++)
                    {
                        dot = math.Fma(queryRow[d0 + d], tile[at + d], dot);
                    }
                }
            }

            if (key < visible)
            {
                float score = math.Mul(dot, scale);
                p[key] = score;
                max = CanonicalReduction.Max(max, score);
            }
        }

        max = WarpReduction.Max(max);
        float sum = -0f;
        for (int j = lane; j < visible; j += CanonicalReduction.Lanes)
        {
            float e = DetMath.Exp<TMath>(math.Add(p[j], -max));
            p[j] = e;
            sum = math.Add(sum, e);
        }

        sum = WarpReduction.Sum<TMath>(sum);
        for (int j = lane; j < visible; j += CanonicalReduction.Lanes)
        {
            p[j] = p[j] / sum;
        }

        // Outputs: 32 dimensions at a time, each one FMA chain over the visible keys ascending, tile after tile.
        for (int d0 = 0; d0 < headDim; d0 += CanonicalReduction.Lanes)
        {
            int dims = Math.Min(CanonicalReduction.Lanes, headDim - d0);
            float acc = 0f;
            for (int start = 0; start < groupKeys; start += TileKeys)
            {
                int keys = Math.Min(TileKeys, groupKeys - start);
                StageTile(v, tile, keyBase + ((long)start * width) + d0, keys, dims, width);
                int end = Math.Min(keys, visible - start);
                if (lane < dims)
                {
                    for (int t = 0; t < end; t++)
                    {
                        acc = math.Fma(p[start + t], tile[(t * (dims + 1)) + lane], acc);
                    }
                }
            }

            if (isQuery && lane < dims)
            {
                outputRow[d0 + lane] = DetMath.CanonicalizeNaN(acc);
            }
        }
    }

    /// <summary>
    /// The group copies <paramref name="rows"/> rows of <paramref name="dims"/> floats, <paramref name="rowStride"/>
    /// apart from <paramref name="first"/>, into <paramref name="tile"/> with rows <paramref name="dims"/> + 1 apart
    /// (warp w copies rows w, w + 4, …, lane t its elements t, t + 32, …: coalesced reads, no division);
    /// barriers before (the last tile has been read) and after (this one is written, and so is every global write
    /// of the group before it).
    /// </summary>
    private static void StageTile(ArrayView<float> source, ArrayView<float> tile, long first, int rows, int dims, int rowStride)
    {
        Group.Barrier();
        for (int row = Warp.WarpIdx; row < rows; row += WarpsPerGroup)
        {
            ArrayView<float> from = source.SubView(first + ((long)row * rowStride), dims);
            int to = row * (dims + 1);
            for (int d = Warp.LaneIdx; d < dims; d += CanonicalReduction.Lanes)
            {
                tile[to + d] = from[d];
            }
        }

        Group.Barrier();
    }
}
