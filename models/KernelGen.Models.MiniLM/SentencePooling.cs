using System;
using KernelGen;

namespace KernelGen.Models.MiniLM;

/// <summary>How a sentence's token rows become one vector (sentence-transformers' Pooling module).</summary>
public enum Pooling
{
    /// <summary>The mean of the real tokens' rows (all-MiniLM-L6-v2's pooling).</summary>
    Mean,

    /// <summary>The first token's row, <c>[CLS]</c>.</summary>
    Cls,
}

/// <summary>
/// Pooling then L2 normalization, as sentence-transformers' <c>Pooling</c> and <c>Normalize</c> modules do
/// them, in a fixed order: the mean sums the rows in token order and divides by the count once; the norm
/// is the canonical 32-lane sum of squares. A sentence's embedding depends on its own rows only.
/// </summary>
public static class SentencePooling
{
    /// <summary>The pooled, L2-normalized embedding of one sentence.</summary>
    /// <param name="rows">The sentence's real tokens' rows, <c>[tokens, MiniLm.Width]</c>.</param>
    /// <param name="pooling">Mean or CLS.</param>
    public static float[] Embed(ReadOnlySpan<float> rows, Pooling pooling)
    {
        const int Width = MiniLm.Width;
        if (rows.Length == 0 || rows.Length % Width != 0)
        {
            throw new ArgumentException($"rows has {rows.Length} values; it needs one or more rows of {Width}.", nameof(rows));
        }

        int tokens = rows.Length / Width;
        var pooled = new float[Width];
        if (pooling == Pooling.Cls)
        {
            rows[..Width].CopyTo(pooled);
        }
        else
        {
            for (int t = 0; t < tokens; t++)
            {
                ReadOnlySpan<float> row = rows.Slice(t * Width, Width);
                for (int j = 0; j < Width; j++)
                {
                    pooled[j] += row[j];
                }
            }

            for (int j = 0; j < Width; j++)
            {
                pooled[j] /= tokens;
            }
        }

        Normalize(pooled);
        return pooled;
    }

    /// <summary>Divides by the L2 norm, or by 1e-12 when the norm is smaller (PyTorch's <c>F.normalize</c>).</summary>
    public static void Normalize(Span<float> vector)
    {
        var squares = new float[vector.Length];
        for (int j = 0; j < vector.Length; j++)
        {
            squares[j] = vector[j] * vector[j];
        }

        float norm = MathF.Max(MathF.Sqrt(CanonicalReduction.Sum(squares)), 1e-12f);
        for (int j = 0; j < vector.Length; j++)
        {
            vector[j] /= norm;
        }
    }

    /// <summary>The cosine similarity of two unit vectors: their dot product, in index order (double, for reports).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.Length; j++)
        {
            dot += (double)a[j] * b[j];
            aa += (double)a[j] * a[j];
            bb += (double)b[j] * b[j];
        }

        return dot / Math.Sqrt(aa * bb);
    }
}
