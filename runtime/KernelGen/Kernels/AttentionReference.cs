using System;
using System.Buffers;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The scalar CPU attention that <see cref="AttentionCpuKernel"/> replaced: threads over (sequence, query, head)
/// items, each one <see cref="AttentionKernels.ReferenceRow"/> over the strided keys and values. The tests'
/// reference for the tiled kernel's bits and the benchmark's baseline for its speed; no layer calls it.
/// </summary>
internal static class AttentionReference
{
    /// <summary>What <see cref="AttentionLayer.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, bool, ReadOnlySpan{int}, CpuExecutionOptions?)"/> computes, the reference way.</summary>
    public static void Forward(
        AttentionLayer layer, ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, Span<float> output, int batch, int sequence, bool causal, ReadOnlySpan<int> validLengths = default, int threads = 1)
    {
        int[] valid = layer.CheckForward(q.Length, k.Length, v.Length, output.Length, batch, sequence, validLengths);
        Run(layer, q, k, v, output, valid, new AttentionShape(batch, sequence, sequence, 0, causal ? 1 : 0), threads);
    }

    /// <summary>What <see cref="AttentionLayer.Decode"/> computes, the reference way.</summary>
    public static void Decode(AttentionLayer layer, ReadOnlySpan<float> q, KvCache cache, Span<float> output)
    {
        layer.CheckDecode(q.Length, cache, output.Length);
        Run(layer, q, cache.Keys, cache.Values, output, [cache.Length], new AttentionShape(1, 1, cache.Length, cache.Length - 1, 1), threads: 1);
    }

    private static unsafe void Run(AttentionLayer layer, ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, Span<float> output, int[] valid, AttentionShape shape, int threads)
    {
        int items = shape.Batch * shape.Queries * layer.Heads;
        if (items == 0)
        {
            return;
        }

        fixed (float* qp = q, kp = k, vp = v, op = output)
        {
            var work = new Work(layer, qp, q.Length, kp, k.Length, vp, v.Length, op, output.Length, valid, shape);
            CpuWorkers.ForRanges(items, Math.Max(1, items / (threads * 4)), threads, work.Run);
        }
    }

    /// <summary>One forward pass over raw pointers, so that threads can share it.</summary>
    private readonly unsafe struct Work(
        AttentionLayer layer, float* q, int qLength, float* k, int kLength, float* v, int vLength, float* output, int outputLength, int[] valid, AttentionShape shape)
    {
        public void Run(int first, int end)
        {
            int heads = layer.Heads, headDim = layer.HeadDim, width = layer.Width;
            var qs = new ReadOnlySpan<float>(q, qLength);
            var ks = new ReadOnlySpan<float>(k, kLength);
            var vs = new ReadOnlySpan<float>(v, vLength);
            var outs = new Span<float>(output, outputLength);
            float[] scores = ArrayPool<float>.Shared.Rent(Math.Max(1, shape.Keys));
            try
            {
                for (int item = first; item < end; item++)
                {
                    int head = item % heads;
                    int query = item / heads % shape.Queries;
                    int sequence = item / heads / shape.Queries;
                    int rowOffset = (((sequence * shape.Queries) + query) * width) + (head * headDim);
                    int keyOffset = sequence * shape.Keys * width;
                    AttentionKernels.ReferenceRow(
                        qs.Slice(rowOffset, headDim),
                        ks[keyOffset..],
                        vs[keyOffset..],
                        width,
                        head * headDim,
                        shape.VisibleKeys(query, valid[sequence]),
                        headDim,
                        layer.Scale,
                        scores,
                        outs.Slice(rowOffset, headDim));
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
            }
        }
    }
}
