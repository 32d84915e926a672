using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.ParallelAccumulationAnalyzer>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0003ParallelAccumulationTests
{
    [Fact]
    public Task Flags_shared_accumulators_and_completion_order_combinations() => Verify.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using KernelGen;

        [Deterministic]
        sealed class Model
        {
            private double _total;

            async Task<float> Run(float[] x)
            {
                float sum = 0f;
                object gate = new object();
                Parallel.For(0, x.Length, i => { lock (gate) { {|KG0003:sum += x[i]|}; } });
                Parallel.ForEach(x, v => {|KG0003:_total = _total + v|});
                await Task.Run(() => {|KG0003:sum -= 1f|});

                float viaLocals = 0f;
                Parallel.{|KG0003:For<float>|}(0, x.Length, () => 0f, (i, _, local) => local + x[i], local => { lock (gate) {|KG0003:viaLocals += local|}; });

                float plinq = x.AsParallel().{|KG0003:Sum|}();
                double mean = x.AsParallel().{|KG0003:Average|}();

                var tasks = new List<Task<float>> { Task.FromResult(1f) };
                float completed = 0f;
                while (tasks.Count > 0)
                {
                    Task<float> done = await Task.{|KG0003:WhenAny|}(tasks);
                    tasks.Remove(done);
                    completed += done.Result;
                }

                return sum + plinq + (float)mean + completed;
            }
        }
        """);

    [Fact]
    public Task Names_the_accumulator_and_the_fan_out() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using KernelGen;

        static class Model
        {
            [Deterministic]
            static float Run(float[] x)
            {
                float sum = 0f;
                Parallel.For(0, x.Length, i => sum += x[i]);
                return sum;
            }
        }
        """,
        Verify.Diagnostic().WithSpan(10, 40, 10, 51)
            .WithArguments("'sum' is added to by every iteration of Parallel.For"));

    [Fact]
    public Task Accepts_per_iteration_slots_reduced_in_order_and_integer_sums() => Verify.VerifyAsync("""
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using KernelGen;

        [Deterministic]
        static class Model
        {
            static float Run(float[][] rows)
            {
                var partial = new float[rows.Length];
                Parallel.For(0, rows.Length, r =>
                {
                    float acc = 0f;
                    foreach (float v in rows[r]) acc += v;
                    partial[r] += acc;
                });

                int count = 0;
                Parallel.For(0, rows.Length, r => Interlocked.Increment(ref count));
                int total = rows.AsParallel().Sum(r => r.Length);

                float sum = 0f;
                for (int r = 0; r < partial.Length; r++) sum += partial[r];
                return sum + count + total;
            }
        }
        """);
}
