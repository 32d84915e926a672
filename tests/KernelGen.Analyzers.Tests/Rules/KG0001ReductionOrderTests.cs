using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.ReductionOrderAnalyzer>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0001ReductionOrderTests
{
    [Fact]
    public Task Flags_a_sum_strided_by_Vector_Count_and_its_horizontal_sum() => Verify.VerifyAsync("""
        using System;
        using System.Numerics;
        using KernelGen;

        [Deterministic]
        static class Reductions
        {
            static float Sum(float[] x)
            {
                var acc = Vector<float>.Zero;
                int i = 0;
                for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                {
                    {|KG0001:acc += new Vector<float>(x, i)|};
                }

                float total = {|KG0001:Vector.Sum(acc)|};
                for (; i < x.Length; i++)
                {
                    total += x[i];
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Names_the_varying_quantity_in_the_message() => Verify.VerifyAsync(
        """
        using System.Numerics;
        using KernelGen;

        static class Reductions
        {
            [Deterministic]
            static float Lanes(Vector<float> v)
            {
                float s = 0f;
                for (int j = 0; j < Vector<float>.Count; j++) s = s + v[j];
                return s;
            }
        }
        """,
        Verify.Diagnostic().WithSpan(10, 55, 10, 67)
            .WithArguments("Vector<float>.Count", "differs between machines (4 lanes on Arm64 and SSE, 8 on AVX2, 16 with 512-bit vectors)"));

    [Fact]
    public Task Flags_partial_sums_split_by_processor_count_through_a_local() => Verify.VerifyAsync(
        """
        using System;
        using KernelGen;

        [Deterministic]
        static class Reductions
        {
            static double Sum(double[] x)
            {
                int workers = Environment.ProcessorCount;
                double total = 0;
                for (int w = 0; w < workers; w++)
                {
                    double partial = 0;
                    for (int i = w; i < x.Length; i += workers)
                    {
                        partial += x[i];
                    }

                    total += partial;
                }

                return total;
            }
        }
        """,
        Verify.Diagnostic().WithSpan(16, 17, 16, 32).WithArguments("Environment.ProcessorCount", "differs between machines, containers and affinity settings"),
        Verify.Diagnostic().WithSpan(19, 13, 19, 29).WithArguments("Environment.ProcessorCount", "differs between machines, containers and affinity settings"));

    [Fact]
    public Task Flags_a_chunk_size_derived_from_the_batch_size() => Verify.VerifyAsync(
        """
        using KernelGen;

        [Deterministic]
        static class Reductions
        {
            static float Sum(float[] x, int batchSize)
            {
                int chunk = x.Length / batchSize;
                float total = 0f;
                for (int start = 0; start < x.Length; start += chunk)
                {
                    total += x[start];
                }

                return total;
            }
        }
        """,
        Verify.Diagnostic().WithSpan(12, 13, 12, 30).WithArguments("'batchSize'", "changes with the batch size"));

    [Fact]
    public Task Flags_a_fixed_width_stride_chosen_by_IsHardwareAccelerated() => Verify.VerifyAsync("""
        using System.Runtime.Intrinsics;
        using KernelGen;

        [Deterministic]
        static class Reductions
        {
            static float Sum(float[] x)
            {
                float total = 0f;
                if (Vector512.IsHardwareAccelerated)
                {
                    var acc = Vector512<float>.Zero;
                    for (int i = 0; i + Vector512<float>.Count <= x.Length; i += Vector512<float>.Count)
                    {
                        {|KG0001:acc += Vector512.Create(x, i)|};
                    }

                    total = Vector512.Sum(acc);
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Accepts_fixed_logical_lanes_sequential_loops_and_integers() => Verify.VerifyAsync("""
        using System;
        using System.Numerics;
        using System.Runtime.Intrinsics;
        using KernelGen;

        [Deterministic]
        static class Canonical
        {
            // 32 logical lanes whatever the hardware: two 16-lane accumulators, a stride of 32, then a fixed tree.
            static float Sum(float[] x)
            {
                var lo = Vector512<float>.Zero;
                var hi = Vector512<float>.Zero;
                int i = 0;
                for (; i + 32 <= x.Length; i += 32)
                {
                    lo += Vector512.Create(x, i);
                    hi += Vector512.Create(x, i + 16);
                }

                return Vector512.Sum(lo + hi);
            }

            static float Row(float[] row, int rows)
            {
                // A sequential sum over a declared size: its order depends only on the data.
                float acc = 0f;
                for (int k = 0; k < 1024; k++) acc += row[k];
                for (int r = 0; r < rows; r++) acc += row[r];
                return acc;
            }

            static int Count(int[] x)
            {
                int n = 0;
                for (int i = 0; i < x.Length; i += Vector<int>.Count) n += x[i];
                return n + Environment.ProcessorCount;
            }

            static void Elementwise(float[] x)
            {
                // No accumulator outlives the loop: each element is written once.
                for (int i = 0; i < x.Length; i += Vector<float>.Count)
                {
                    float y = x[i];
                    y *= 2f;
                    x[i] = y;
                }
            }
        }

        static class OutsideTheScope
        {
            static float Sum(Vector<float> v) => Vector.Sum(v);
        }
        """);
}
