using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.TranscendentalAnalyzer>;
using VerifyFix = KernelGen.Analyzers.Tests.Verifiers.CodeFixVerifier<
    KernelGen.Analyzers.Diagnostics.Analyzers.TranscendentalAnalyzer,
    KernelGen.Analyzers.CodeFixes.DetMathCodeFixProvider>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0006TranscendentalTests
{
    [Fact]
    public Task Flags_runtime_math_generic_math_XMath_and_estimates() => Verify.VerifyAsync("""
        using System;
        using ILGPU;
        using ILGPU.Algorithms;
        using ILGPU.Runtime;
        using KernelGen;

        [Deterministic]
        static class Activations
        {
            static float Gelu(float x) => 0.5f * x * (1f + {|KG0006:MathF.Tanh(0.7978846f * (x + 0.044715f * x * x * x))|});
            static double Softplus(double x) => {|KG0006:Math.Log(1.0 + {|KG0006:Math.Exp(x)|})|};
            static float Generic(float x) => {|KG0006:float.Exp(x)|} + {|KG0006:MathF.Pow(x, 3f)|} + {|KG0006:MathF.ReciprocalSqrtEstimate(x)|};
        }

        static class Kernels
        {
            static void Kernel(Index1D i, ArrayView<float> x) => x[i] = {|KG0006:XMath.Exp(x[i])|} + {|KG0006:XMath.Rsqrt(x[i])|};
        }
        """);

    [Fact]
    public Task Says_why_in_the_message() => Verify.VerifyAsync(
        """
        using System;
        using KernelGen;

        static class Activations
        {
            [Deterministic]
            static float Silu(float x) => x / (1f + MathF.Exp(-x));
        }
        """,
        Verify.Diagnostic().WithSpan(7, 45, 7, 58)
            .WithArguments("MathF.Exp", "it calls the C runtime, whose results differ between operating systems and processors"));

    [Fact]
    public Task Accepts_exact_operations_and_code_outside_the_scope() => Verify.VerifyAsync("""
        using System;
        using ILGPU.Algorithms;
        using KernelGen;

        [Deterministic]
        static class Exact
        {
            static float Run(float x) => MathF.Sqrt(x) + MathF.Abs(x) + MathF.Max(x, 0f) + MathF.FusedMultiplyAdd(x, x, x)
                + MathF.Floor(x) + MathF.CopySign(x, -1f) + XMath.Abs(x) + DetMath.Exp(x);
        }

        static class Plotting
        {
            static double Curve(double x) => Math.Exp(x) + Math.Sin(x);
        }
        """);

    [Fact]
    public Task Fixes_with_the_DetMath_method_of_the_same_signature() => VerifyFix.VerifyAsync(
        """
        using System;
        using ILGPU.Algorithms;

        namespace Model
        {
            [KernelGen.Deterministic]
            static class Activations
            {
                static float Run(float x) => {|KG0006:MathF.Exp(x)|} + {|KG0006:MathF.Tanh({|KG0006:MathF.Log(x)|})|} + {|KG0006:XMath.Rsqrt(x)|} + {|KG0006:MathF.ReciprocalSqrtEstimate(x)|};
                static double Wide(double x) => {|KG0006:Math.Log(x)|} + {|KG0006:Math.Exp(x)|};
            }
        }
        """,
        """
        using System;
        using ILGPU.Algorithms;
        using KernelGen;

        namespace Model
        {
            [KernelGen.Deterministic]
            static class Activations
            {
                static float Run(float x) => DetMath.Exp(x) + DetMath.Tanh(DetMath.Log(x)) + DetMath.Rsqrt(x) + DetMath.Rsqrt(x);
                static double Wide(double x) => DetMath.Log(x) + {|KG0006:Math.Exp(x)|};
            }
        }
        """,
        "KG0006.DetMath");
}
