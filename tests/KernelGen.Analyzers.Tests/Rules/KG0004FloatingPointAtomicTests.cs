using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.FloatingPointAtomicAnalyzer>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0004FloatingPointAtomicTests
{
    [Fact]
    public Task Flags_a_compare_exchange_loop_on_a_double() => Verify.VerifyAsync(
        """
        using System.Threading;
        using KernelGen;

        [Deterministic]
        static class Model
        {
            static double s_total;

            static void Add(double value)
            {
                double seen, next;
                do
                {
                    seen = s_total;
                    next = seen + value;
                }
                while (Interlocked.CompareExchange(ref s_total, next, seen) != seen);
            }
        }
        """,
        Verify.Diagnostic().WithSpan(17, 16, 17, 68).WithArguments("Interlocked.CompareExchange", "double"));

    [Fact]
    public Task Flags_ILGPU_atomic_adds_in_kernels() => Verify.VerifyAsync("""
        using ILGPU;
        using ILGPU.Runtime;

        static class Kernels
        {
            static void Sum(Index1D i, ArrayView<float> x, ArrayView<float> total, ArrayView<double> wide)
            {
                {|KG0004:Atomic.Add(ref total[0], x[i])|};
                {|KG0004:Atomic.Add(ref wide[0], x[i])|};
            }
        }
        """);

    [Fact]
    public Task Accepts_integer_atomics_and_exchanges() => Verify.VerifyAsync("""
        using System.Threading;
        using ILGPU;
        using ILGPU.Runtime;
        using KernelGen;

        [Deterministic]
        static class Model
        {
            static int s_count;
            static float s_last;

            static void Count(float value)
            {
                Interlocked.Increment(ref s_count);
                Interlocked.CompareExchange(ref s_count, 1, 0);
                Interlocked.Exchange(ref s_last, value);
            }

            static void Histogram(Index1D i, ArrayView<int> bins) => Atomic.Add(ref bins[0], 1);
        }
        """);
}
