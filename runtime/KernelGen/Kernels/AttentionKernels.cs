using System;
using System.ComponentModel;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// Scaled dot-product attention for one (sequence, query, head), written once for the CPU and once
/// for a GPU group of 32 threads, step for step the same operations (docs/layers/attention.md):
/// <list type="number">
/// <item>score_j = (fma chain over d ascending of q[d]·k_j[d], from 0) × scale, for each visible key j;</item>
/// <item>m = canonical 32-lane max of the scores (key j in lane j mod 32);</item>
/// <item>e_j = DetMath.Exp(score_j − m); s = canonical 32-lane sum of the e_j; p_j = e_j / s;</item>
/// <item>out[d] = fma chain over visible keys j ascending of p_j·v_j[d], from 0.</item>
/// </list>
/// A query that sees no key outputs zeros. Keys are never split. The layers' CPU path computes the same numbers
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

    /// <summary>
    /// Attention of work item <c>Grid.IdxX</c> = (sequence, query, head) with the calling group of 32
    /// threads: thread t scores keys t, t + 32, …, and computes output dimensions t, t + 32, ….
    /// </summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="q">Queries, [batch, queries, heads·headDim].</param>
    /// <param name="k">Keys, [batch, keys, heads·headDim].</param>
    /// <param name="v">Values, laid out as <paramref name="k"/>.</param>
    /// <param name="output">Outputs, laid out as <paramref name="q"/>.</param>
    /// <param name="validLengths">Real tokens per sequence.</param>
    /// <param name="probabilities">Global scratch of batch·queries·heads·keys floats.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    /// <param name="shape">The launch's extents.</param>
    /// <param name="heads">The declared number of heads.</param>
    /// <param name="headDim">The declared head length.</param>
    /// <param name="scale">The score scale.</param>
    public static void GroupItem<TMath>(
        ArrayView<float> q,
        ArrayView<float> k,
        ArrayView<float> v,
        ArrayView<float> output,
        ArrayView<int> validLengths,
        ArrayView<float> probabilities,
        ArrayView<float> scratch,
        AttentionShape shape,
        int heads,
        int headDim,
        float scale)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int item = Grid.IdxX;
        int lane = Group.IdxX;
        int head = item % heads;
        int query = item / heads % shape.Queries;
        int sequence = item / heads / shape.Queries;
        int width = heads * headDim;
        int visible = shape.VisibleKeys(query, validLengths[sequence]);
        long queryBase = ((((long)sequence * shape.Queries) + query) * width) + ((long)head * headDim);
        long keyBase = ((long)sequence * shape.Keys * width) + ((long)head * headDim);
        long pBase = (long)item * shape.Keys;

        float max = float.NegativeInfinity;
        for (int j = lane; j < visible; j += CanonicalReduction.Lanes)
        {
            float dot = 0f;
            for (int d = 0; d < headDim; d++)
            {
                dot = math.Fma(q[queryBase + d], k[keyBase + ((long)j * width) + d], dot);
            }

            float score = math.Mul(dot, scale);
            probabilities[pBase + j] = score;
            max = CanonicalReduction.Max(max, score);
        }

        max = GroupReduction.Max(max, scratch);
        float sum = -0f;
        for (int j = lane; j < visible; j += CanonicalReduction.Lanes)
        {
            float e = DetMath.Exp<TMath>(math.Add(probabilities[pBase + j], -max));
            probabilities[pBase + j] = e;
            sum = math.Add(sum, e);
        }

        sum = GroupReduction.Sum<TMath>(sum, scratch);
        for (int j = lane; j < visible; j += CanonicalReduction.Lanes)
        {
            probabilities[pBase + j] = probabilities[pBase + j] / sum;
        }

        Group.Barrier(); // every probability is written before any thread reads them all
        for (int d = lane; d < headDim; d += CanonicalReduction.Lanes)
        {
            float acc = 0f;
            for (int j = 0; j < visible; j++)
            {
                acc = math.Fma(probabilities[pBase + j], v[keyBase + ((long)j * width) + d], acc);
            }

            output[queryBase + d] = DetMath.CanonicalizeNaN(acc);
        }
    }
}
