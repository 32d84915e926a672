using System;

namespace KernelGen;

/// <summary>
/// Element-wise sums and products of two equal-length tensors on the CPU (residual connections,
/// gating). Each output is one IEEE operation on its two inputs, so no order is involved (a NaN
/// result is <see cref="DetMath.CanonicalNaN"/>); the GPU twin is <see cref="GpuElementwise"/>.
/// </summary>
public static class Elementwise
{
    /// <summary><c>output[i] = a[i] + b[i]</c>. <paramref name="output"/> may be the same memory as <paramref name="a"/> or <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the output partly overlaps an input.</exception>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Check(a, b, output);
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = DetMath.CanonicalizeNaN(a[i] + b[i]);
        }
    }

    /// <summary><c>output[i] = a[i] · b[i]</c>. <paramref name="output"/> may be the same memory as <paramref name="a"/> or <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the output partly overlaps an input.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Check(a, b, output);
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = DetMath.CanonicalizeNaN(a[i] * b[i]);
        }
    }

    /// <summary>Checks the lengths of an element-wise operation's operands, naming the one that differs.</summary>
    internal static void CheckLengths(long a, long b, long output)
    {
        if (b != a)
        {
            throw new ArgumentException($"b has {b} values; it needs as many as a: {a}.", nameof(b));
        }

        if (output != a)
        {
            throw new ArgumentException($"output has {output} values; it needs as many as a and b: {a}.", nameof(output));
        }
    }

    private static void Check(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> output)
    {
        CheckLengths(a.Length, b.Length, output.Length);
        if ((a.Overlaps(output, out int offsetA) && offsetA != 0) || (b.Overlaps(output, out int offsetB) && offsetB != 0))
        {
            throw new ArgumentException("output partly overlaps an input; pass the same memory as a or b for an in-place operation, or separate memory.", nameof(output));
        }
    }
}
