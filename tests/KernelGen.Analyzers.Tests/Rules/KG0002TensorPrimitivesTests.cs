using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.TensorPrimitivesAnalyzer>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0002TensorPrimitivesTests
{
    [Fact]
    public Task Flags_reductions_and_span_transcendentals() => Verify.VerifyAsync("""
        using System;
        using System.Numerics.Tensors;
        using KernelGen;

        [Deterministic]
        static class Model
        {
            static float Run(float[] x, float[] y)
            {
                {|KG0002:TensorPrimitives.Exp(x, y)|};
                {|KG0002:TensorPrimitives.SoftMax(x, y)|};
                return {|KG0002:TensorPrimitives.Sum(x)|} + {|KG0002:TensorPrimitives.Dot(x, y)|} + {|KG0002:TensorPrimitives.Norm(x)|};
            }
        }
        """);

    [Fact]
    public Task Says_why_in_the_message() => Verify.VerifyAsync(
        """
        using System.Numerics.Tensors;
        using KernelGen;

        static class Model
        {
            [Deterministic]
            static float Run(float[] x) => TensorPrimitives.Sum(x);
        }
        """,
        Verify.Diagnostic().WithSpan(7, 36, 7, 59)
            .WithArguments("Sum", "adds in an order that follows the machine's vector width (Vector512, Vector256, Vector128 or scalar code)"));

    [Fact]
    public Task Accepts_exact_elementwise_operations_and_code_outside_the_scope() => Verify.VerifyAsync("""
        using System.Numerics.Tensors;
        using KernelGen;

        [Deterministic]
        static class Model
        {
            static float Run(float[] x, float[] y)
            {
                TensorPrimitives.Add(x, y, y);
                return TensorPrimitives.Max(x);
            }
        }

        static class Tooling
        {
            static float Mean(float[] x) => TensorPrimitives.Sum(x) / x.Length;
        }
        """);
}
