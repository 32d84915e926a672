using System;
using System.Numerics;

namespace KernelGen;

/// <summary>
/// Exact operand scaling for the CPU Linear kernels. Some x86 processors take a microcode assist for every
/// FMA with a subnormal operand (measured on the GPU machine's Intel Xeon, 2026-12-02: the stack's 768 → 768
/// Linear on correctly rounded GELU outputs, 0.39 % of them subnormal, took 14.6 ms instead of 7.6 ms on one
/// thread; ONNX Runtime's MatMul slowed the same way). A layer whose weights allow it therefore packs
/// <c>w·2⁻²⁴</c> and multiplies its input rows by <c>2²⁴</c> on the way into the kernels: both scalings are
/// exact, so every product <c>x·w</c>, and with it every FMA of every chain, is the same real number as
/// before, and a subnormal input becomes a normal one. The bits do not change; only the assists go.
/// </summary>
internal static class CpuOperandScaling
{
    /// <summary>The input factor, 2²⁴: it makes the smallest subnormal (2⁻¹⁴⁹) a normal number (2⁻¹²⁵).</summary>
    public const float Up = 16777216f;

    /// <summary>The weight factor, 2⁻²⁴.</summary>
    public const float Down = 1f / Up;

    /// <summary>The smallest nonzero |w| whose scaled copy is normal, hence exact: 2⁻¹⁰².</summary>
    public static readonly float SmallestWeight = BitConverter.Int32BitsToSingle((127 - 102) << 23);

    /// <summary>The |x| from which the scaled input overflows: 2¹⁰⁴.</summary>
    public static readonly float LargestInputBound = BitConverter.Int32BitsToSingle((127 + 104) << 23);

    /// <summary>
    /// The most floats of scaled input a thread holds at once, 2¹⁹ (2 MiB): a block's rows go to the kernel in passes of
    /// <see cref="RowsPerPass"/> rows, so a very wide layer does not make each worker hold a block's worth of input.
    /// </summary>
    public const int MaxScratchFloats = 1 << 19;

    [ThreadStatic]
    private static float[]? t_rows;

    /// <summary>
    /// Rows of <paramref name="inFeatures"/> inputs scaled per pass: as many as <see cref="MaxScratchFloats"/> holds,
    /// in multiples of 24 (of every row tile's height) when that many fit, and at least one. A pass of fewer rows only
    /// runs fewer rows at a time: each output is still its one chain.
    /// </summary>
    public static int RowsPerPass(int inFeatures)
    {
        int rows = MaxScratchFloats / inFeatures;
        return rows >= 24 ? rows / 24 * 24 : Math.Max(1, rows);
    }

    /// <summary>
    /// Whether every weight scales exactly to a normal number (zeros, infinities and NaN scale to themselves;
    /// a nonzero |w| below 2⁻¹⁰² would become subnormal or lose bits).
    /// </summary>
    public static bool CanScaleWeights(ReadOnlySpan<float> weight)
    {
        foreach (float w in weight)
        {
            if (w != 0f && float.IsFinite(w) && MathF.Abs(w) < SmallestWeight)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes <c>source·2²⁴</c> into <paramref name="destination"/>; false (the destination then partly written)
    /// when a finite |x| ≥ 2¹⁰⁴ would overflow, in which case the caller computes those rows unscaled.
    /// The width of <see cref="Vector{T}"/> does not matter: each element is one exact multiplication.
    /// </summary>
    public static bool TryScaleUp(ReadOnlySpan<float> source, Span<float> destination)
    {
        var factor = new Vector<float>(Up);
        var bound = new Vector<float>(LargestInputBound);
        var infinity = new Vector<float>(float.PositiveInfinity);
        Vector<int> overflow = Vector<int>.Zero;
        int i = 0;
        for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var x = new Vector<float>(source.Slice(i));
            Vector<float> magnitude = Vector.Abs(x);
            overflow |= Vector.GreaterThanOrEqual(magnitude, bound) & Vector.LessThan(magnitude, infinity);
            (x * factor).CopyTo(destination.Slice(i));
        }

        bool fits = overflow == Vector<int>.Zero;
        for (; i < source.Length; i++)
        {
            float magnitude = MathF.Abs(source[i]);
            fits &= magnitude < LargestInputBound || float.IsInfinity(magnitude) || float.IsNaN(magnitude);
            destination[i] = source[i] * Up;
        }

        return fits;
    }

    /// <summary>This thread's scratch of at least <paramref name="length"/> floats for scaled input rows.</summary>
    public static Span<float> Rows(int length)
    {
        float[]? rows = t_rows;
        if (rows is null || rows.Length < length)
        {
            t_rows = rows = new float[Math.Max(length, 4096)];
        }

        return rows.AsSpan(0, length);
    }
}
