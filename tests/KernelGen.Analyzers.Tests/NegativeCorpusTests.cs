using System.Threading.Tasks;
using KernelGen.Analyzers.Tests.Verifiers;
using Xunit;

namespace KernelGen.Analyzers.Tests;

/// <summary>Correct deterministic code, in scope, that no rule may flag.</summary>
public sealed class NegativeCorpusTests
{
    [Fact]
    public Task Canonical_row_reduction_with_32_logical_lanes() => AllAnalyzersVerifier.VerifyAsync("""
        using System;
        using System.Runtime.Intrinsics;
        using KernelGen;

        [assembly: Deterministic]

        static class RowReduction
        {
            // Partial j sums elements j, j+32, j+64, … in order, then a fixed tree: the same bits with
            // 2×16 lanes (AVX-512), 4×8 (AVX2) or 32 scalars.
            public static float Sum(ReadOnlySpan<float> row)
            {
                if (Vector512.IsHardwareAccelerated && row.Length >= 32)
                {
                    var lo = Vector512<float>.Zero;
                    var hi = Vector512<float>.Zero;
                    int i = 0;
                    for (; i + 32 <= row.Length; i += 32)
                    {
                        lo += Vector512.Create(row.Slice(i, 16));
                        hi += Vector512.Create(row.Slice(i + 16, 16));
                    }

                    Span<float> lanes = stackalloc float[32];
                    lo.CopyTo(lanes);
                    hi.CopyTo(lanes.Slice(16));
                    for (; i < row.Length; i++) lanes[i % 32] += row[i];
                    return Tree(lanes);
                }

                Span<float> partial = stackalloc float[32];
                for (int i = 0; i < row.Length; i++) partial[i % 32] += row[i];
                return Tree(partial);
            }

            private static float Tree(Span<float> p)
            {
                for (int width = 16; width >= 1; width /= 2)
                {
                    for (int j = 0; j < width; j++) p[j] += p[j + width];
                }

                return p[0];
            }

            public static float Mean(ReadOnlySpan<float> row) => Sum(row) / row.Length;

            public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
            {
                float acc = 0f;
                for (int k = 0; k < a.Length; k++) acc = DetMath.Fma(a[k], b[k], acc);
                return acc;
            }

            public static long Histogram(int[] bins)
            {
                long total = 0;
                for (int i = 0; i < bins.Length; i += Environment.ProcessorCount) total += bins[i];
                return total;
            }

            public static void Init(float[] weights, ulong seed)
            {
                var random = new PhiloxRandom(seed);
                for (int i = 0; i < weights.Length; i++) weights[i] = random.NextSingle() * 0.02f - 0.01f;
            }
        }
        """);

    [Fact]
    public Task Fixed_order_kernel_with_explicit_fma() => AllAnalyzersVerifier.VerifyAsync("""
        using ILGPU;
        using ILGPU.Runtime;
        using KernelGen;

        static class Kernels
        {
            public static void Linear(Index2D index, ArrayView<float> x, ArrayView<float> w, ArrayView<float> b, ArrayView<float> y)
            {
                int row = index.X, column = index.Y;
                float acc = 0f;
                for (int k = 0; k < 1024; k++)
                {
                    acc = DetMath.Fma(x[row * 1024 + k], w[column * 1024 + k], acc);
                }

                y[row * 64 + column] = acc + b[column];
            }
        }
        """);
}
