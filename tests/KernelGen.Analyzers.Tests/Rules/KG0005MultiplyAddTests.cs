using System.Threading.Tasks;
using KernelGen.Analyzers.CodeFixes;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using KernelGen.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.KernelMultiplyAddAnalyzer>;
using VerifyFix = KernelGen.Analyzers.Tests.Verifiers.CodeFixVerifier<
    KernelGen.Analyzers.Diagnostics.Analyzers.KernelMultiplyAddAnalyzer,
    KernelGen.Analyzers.CodeFixes.MultiplyAddCodeFixProvider>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0005MultiplyAddTests
{
    [Fact]
    public Task Flags_every_form_of_multiply_add_in_an_index_kernel() => Verify.VerifyAsync("""
        using ILGPU;
        using ILGPU.Runtime;

        static class Kernels
        {
            static void Dot(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, float c)
            {
                float acc = 0f;
                for (int k = 0; k < 64; k++)
                {
                    {|KG0005:acc += a[k] * b[k]|};
                }

                y[i] = {|KG0005:a[i] * b[i] + c|} + ({|KG0005:c - a[i] * b[i]|}) + ({|KG0005:(a[i] * c) - acc|});
                {|KG0005:acc -= c * c|};
            }

            static void Wide(Index2D i, ArrayView<double> a, double c) => a[i.X] = {|KG0005:c + a[i.X] * c|};
        }
        """);

    [Fact]
    public Task Reports_the_operand_type_in_the_message() => Verify.VerifyAsync(
        """
        using ILGPU;
        using ILGPU.Runtime;

        static class Kernels
        {
            static void Scale(Index1D i, ArrayView<double> a) => a[i] = a[i] * 2.0 + 1.0;
        }
        """,
        Verify.Diagnostic().WithSpan(6, 65, 6, 81).WithArguments("double"));

    [Fact]
    public Task Flags_a_method_group_passed_to_Load_kernel() => Verify.VerifyAsync("""
        using ILGPU;
        using ILGPU.Runtime;

        static class Kernels
        {
            static void Grouped(ArrayView<float> a, float c) => a[0] = {|KG0005:a[1] * c + c|};

            public static void Load(Accelerator accelerator)
                => accelerator.LoadStreamKernel<ArrayView<float>, float>(Grouped);
        }
        """);

    [Fact]
    public Task Ignores_CPU_code_integer_arithmetic_and_explicit_calls() => Verify.VerifyAsync("""
        using ILGPU;
        using ILGPU.Runtime;
        using KernelGen;

        [Deterministic]
        static class Host
        {
            // RyuJIT never contracts: a multiply-add on the CPU is two roundings, always.
            static float Cpu(float a, float b, float c) => a * b + c;
        }

        static class Kernels
        {
            static void Index(Index1D i, ArrayView<int> n, ArrayView<float> x, float c)
            {
                n[i] = n[i] * 3 + 1;
                x[i] = DetMath.Fma(x[i], c, c) + DetMath.MulAdd(x[i], c, c);
                x[i] = (float)((double)x[i] * c) + c;
                x[i] = x[i] + c + c;
            }

            static void NotAKernel(ArrayView<float> x, float c) => x[0] = x[0] * c + c;
        }
        """);

    [Fact]
    public Task Fixes_with_Fma_folding_the_signs_into_the_operands() => VerifyFix.VerifyAsync(
        """
        using ILGPU;
        using ILGPU.Runtime;

        static class Kernels
        {
            static void Kernel(Index1D i, ArrayView<float> a, float c)
            {
                float acc = 0f;
                acc += {|KG0005:a[i] * c + c|};
                a[i] = {|KG0005:c - a[i] * (c + 1f)|};
                a[i] = {|KG0005:a[i] * c - (acc + c)|};
                {|KG0005:acc -= a[i] * a[i]|};
            }
        }
        """,
        """
        using ILGPU;
        using ILGPU.Runtime;
        using KernelGen;

        static class Kernels
        {
            static void Kernel(Index1D i, ArrayView<float> a, float c)
            {
                float acc = 0f;
                acc += DetMath.Fma(a[i], c, c);
                a[i] = DetMath.Fma(-a[i], c + 1f, c);
                a[i] = DetMath.Fma(a[i], c, -(acc + c));
                acc = DetMath.Fma(-a[i], a[i], acc);
            }
        }
        """,
        "KG0005.Fma");

    [Fact]
    public Task Fixes_with_MulAdd_for_double() => VerifyFix.VerifyAsync(
        """
        using ILGPU;
        using ILGPU.Runtime;
        using KernelGen;

        static class Kernels
        {
            static void Kernel(Index1D i, ArrayView<double> a, double c) => a[i] = {|KG0005:a[i] * c + c|};
        }
        """,
        """
        using ILGPU;
        using ILGPU.Runtime;
        using KernelGen;

        static class Kernels
        {
            static void Kernel(Index1D i, ArrayView<double> a, double c) => a[i] = DetMath.MulAdd(a[i], c, c);
        }
        """,
        "KG0005.MulAdd");
}
