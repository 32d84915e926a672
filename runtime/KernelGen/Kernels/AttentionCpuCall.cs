using System;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// One CPU attention call, over raw pointers so that threads can share it, cut into work items: item
/// <c>(sequence · heads + head) · QueryBlocks + block</c> computes queries
/// [<c>block · QueryBlockLength</c>, …) of one (sequence, head). The cut changes which thread computes a
/// query, never how.
/// </summary>
internal readonly unsafe struct AttentionCpuCall
{
    /// <summary>Sequence-head pairs are cut into query blocks until every thread has this many items, so that threads finish together.</summary>
    public const int ItemsPerThread = 4;

    /// <summary>Creates the call and its cut for <paramref name="threads"/> threads.</summary>
    public AttentionCpuCall(
        float* q, float* k, float* v, float* output, int heads, int headDim, float scale, AttentionShape shape, int[] validLengths, int threads)
    {
        Q = q;
        K = k;
        V = v;
        Output = output;
        Heads = heads;
        HeadDim = headDim;
        Width = heads * headDim;
        Scale = scale;
        Shape = shape;
        ValidLengths = validLengths;

        // Whole sequences per item when there are enough pairs; else blocks of whole 4-query tiles.
        int pairs = shape.Batch * heads;
        int blocks = pairs >= threads * ItemsPerThread ? 1 : ((threads * ItemsPerThread) + pairs - 1) / pairs;
        int length = AttentionCpuKernel.RoundUp(Math.Max(1, (shape.Queries + blocks - 1) / blocks), AttentionTiles.Rows);
        QueryBlockLength = length;
        QueryBlocks = Math.Max(1, (shape.Queries + length - 1) / length);
    }

    /// <summary>Queries, <c>[batch, queries, Width]</c>.</summary>
    public float* Q { get; }

    /// <summary>Keys, <c>[batch, keys, Width]</c>.</summary>
    public float* K { get; }

    /// <summary>Values, laid out as <see cref="K"/>.</summary>
    public float* V { get; }

    /// <summary>Outputs, laid out as <see cref="Q"/>.</summary>
    public float* Output { get; }

    /// <summary>Heads per row.</summary>
    public int Heads { get; }

    /// <summary>Values per head.</summary>
    public int HeadDim { get; }

    /// <summary>Values per row: <see cref="Heads"/> × <see cref="HeadDim"/>.</summary>
    public int Width { get; }

    /// <summary>The score scale.</summary>
    public float Scale { get; }

    /// <summary>The launch's extents and mask.</summary>
    public AttentionShape Shape { get; }

    /// <summary>Real tokens per sequence.</summary>
    public int[] ValidLengths { get; }

    /// <summary>Queries per work item (a multiple of <see cref="AttentionTiles.Rows"/>); the last block of a sequence may be shorter.</summary>
    public int QueryBlockLength { get; }

    /// <summary>Work items per (sequence, head).</summary>
    public int QueryBlocks { get; }

    /// <summary>The number of work items.</summary>
    public int Items => Shape.Batch * Heads * QueryBlocks;
}
