using System;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading;
using System.Threading.Tasks;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;

namespace AnalyzerViolations;

/// <summary>Each method breaks exactly one KG rule; the comment names it.</summary>
[Deterministic]
public static class Violations
{
    private static double s_total;

    // KG0001: the stride is Vector<float>.Count, 4, 8 or 16 depending on the machine.
    public static Vector<float> WidthDependentSum(float[] x)
    {
        var acc = Vector<float>.Zero;
        for (int i = 0; i + Vector<float>.Count <= x.Length; i += Vector<float>.Count)
        {
            acc += new Vector<float>(x, i);
        }

        return acc;
    }

    // KG0002: TensorPrimitives.Sum adds in an order that follows the vector width.
    public static float LibrarySum(float[] x) => TensorPrimitives.Sum(x);

    // KG0003: every iteration adds into one shared float.
    public static float ParallelSum(float[] x)
    {
        float sum = 0f;
        object gate = new();
        Parallel.For(0, x.Length, i => { lock (gate) { sum += x[i]; } });
        return sum;
    }

    // KG0004: a compare-exchange loop makes an atomic double sum.
    public static void AtomicAdd(double value)
    {
        double seen;
        do
        {
            seen = s_total;
        }
        while (Interlocked.CompareExchange(ref s_total, seen + value, seen) != seen);
    }

    // KG0006: MathF.Exp calls the C runtime.
    public static float Silu(float x) => x / (1f + MathF.Exp(-x));

    // KG0007: seeded by the operating system.
    public static float Noise() => new Random().NextSingle();

    // KG0009: a HashSet enumerates in an unspecified order.
    public static float SetSum(HashSet<float> values)
    {
        float total = 0f;
        foreach (float v in values)
        {
            total += v;
        }

        return total;
    }
}

/// <summary>An ILGPU kernel (first parameter an index): in scope without any attribute.</summary>
public static class Kernels
{
    // KG0005: ptxas may contract this into one FMA.
    public static void Scale(Index1D i, ArrayView<float> x, float a, float b) => x[i] = x[i] * a + b;
}

/// <summary>Training-mode normalization: the mean is taken over the batch.</summary>
public sealed class BatchNorm
{
    /// <summary>Normalizes each column with the batch's own mean.</summary>
    [BatchStatistics]
    public void NormalizeWithBatchStatistics(float[] batch, int rows, int columns)
    {
        for (int c = 0; c < columns; c++)
        {
            float mean = 0f;
            for (int r = 0; r < rows; r++)
            {
                mean += batch[(r * columns) + c];
            }

            mean /= rows;
            for (int r = 0; r < rows; r++)
            {
                batch[(r * columns) + c] -= mean;
            }
        }
    }
}

/// <summary>An inference entry point.</summary>
public sealed class Model
{
    private readonly BatchNorm _norm = new();

    // KG0008: inference reaches batch statistics.
    [Inference]
    public void Predict(float[] batch, int rows) => _norm.NormalizeWithBatchStatistics(batch, rows, 4);
}
