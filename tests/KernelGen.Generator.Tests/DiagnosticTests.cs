using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>Each generator diagnostic: its ID, its exact span and its exact message.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void KG1001_layer_type_not_partial_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [Linear(4, 2)]
            public sealed class {|KG1001:Projection|}
            {
            }
            """,
            "Layer type 'Projection' must be declared 'partial' so that KernelGen can generate its kernels");
    }

    [Theory]
    [InlineData("[Linear({|KG1002:0|}, 8)]", "inFeatures is 0; it must be between 1 and 1048576")]
    [InlineData("[Linear(8, {|KG1002:-3|})]", "outFeatures is -3; it must be between 1 and 1048576")]
    [InlineData("[Linear(8, {|KG1002:2000000|})]", "outFeatures is 2000000; it must be between 1 and 1048576")]
    [InlineData("[Linear({|KG1002:inFeatures: 0|}, outFeatures: 8)]", "inFeatures is 0; it must be between 1 and 1048576")]
    [InlineData("[Linear(inFeatures: 8, {|KG1002:outFeatures: 0|})]", "outFeatures is 0; it must be between 1 and 1048576")]
    [InlineData("[Linear({|KG1002:outFeatures: 0|}, inFeatures: 8)]", "outFeatures is 0; it must be between 1 and 1048576")]
    [InlineData("[Linear(inFeatures: 8, {|KG1002:0|})]", "outFeatures is 0; it must be between 1 and 1048576")]
    [InlineData("[Linear(8, {|KG1002:outFeatures: 1048577|}, Bias = false)]", "outFeatures is 1048577; it must be between 1 and 1048576")]
    public void KG1002_dimension_out_of_range_is_reported_on_the_argument(string attribute, string message)
    {
        DiagnosticVerifier.Verify(
            $$"""
            using KernelGen;

            {{attribute}}
            public sealed partial class Projection;
            """,
            message);
    }

    [Theory]
    [InlineData("[LayerNorm({|KG1002:0|})]", "features is 0; it must be between 1 and 1048576")]
    [InlineData("[RmsNorm({|KG1002:features: 2000000|})]", "features is 2000000; it must be between 1 and 1048576")]
    [InlineData("[Activation(ActivationFunction.Gelu, {|KG1002:-8|})]", "features is -8; it must be between 1 and 1048576")]
    [InlineData("[LayerNorm(768, {|KG1008:Epsilon = -1e-5f|})]", "Epsilon is -1E-05; it must be a finite number ≥ 0")]
    [InlineData("[RmsNorm(768, {|KG1008:Epsilon = float.NaN|})]", "Epsilon is NaN; it must be a finite number ≥ 0")]
    [InlineData("[LayerNorm(768, ElementwiseAffine = false, {|KG1008:Epsilon = float.PositiveInfinity|})]", "Epsilon is Infinity; it must be a finite number ≥ 0")]
    [InlineData("[Activation({|KG1010:(ActivationFunction)42|}, 8)]", "function is 42, which names no member of ActivationFunction; use one of Relu, Gelu, GeluTanh, Silu, Tanh, Sigmoid")]
    [InlineData("[LayerNorm(768, {|KG1008:Residual = (ResidualAdd)3|})]", "Residual is 3; it must be a named member of ResidualAdd (None, AfterNorm, BeforeNorm)")]
    [InlineData("[RmsNorm(8, {|KG1008:Residual = (ResidualAdd)(-1)|})]", "Residual is -1; it must be a named member of ResidualAdd (None, AfterNorm, BeforeNorm)")]
    [InlineData("[BatchNorm2d(3, {|KG1008:Momentum = 1.5f|})]", "Momentum is 1.5; it must be between 0 and 1")]
    [InlineData("[Embedding(10, 4, {|KG1008:PaddingIndex = 10|})]", "PaddingIndex is 10; it must be -1 (none) or an id in [0, 10)")]
    [InlineData("[Conv1d(4, 6, 3, 20, {|KG1008:Stride = 0|})]", "Stride is 0; it must be at least 1")]
    [InlineData("[Conv1d(4, 6, 3, 20, {|KG1008:Padding = -1|})]", "Padding is -1; it must be at least 0")]
    [InlineData("[{|KG1009:Conv1d(4, 6, 3, 20, Groups = 4)|}]", "inChannels (4) and outChannels (6) must both be multiples of Groups (4)")]
    [InlineData("[{|KG1009:Conv1d(4, 6, 9, 5, Dilation = 2)|}]", "the kernel spans 17 positions (Dilation · (kernelSize − 1) + 1) but the padded input has only 5: there is no output position")]
    [InlineData("[{|KG1009:Attention(2048, 1024)|}]", "heads × headDim is 2097152; a row of queries, keys or values holds at most 1048576 values")]
    [InlineData("[Conv1d({|KG1002:0|}, 6, 3, 20)]", "inChannels is 0; it must be between 1 and 1048576")]
    public void Row_layer_arguments_out_of_range_are_reported_on_the_argument(string attribute, string message)
    {
        DiagnosticVerifier.Verify(
            $$"""
            using KernelGen;

            {{attribute}}
            public sealed partial class Norm;
            """,
            message);
    }

    [Fact]
    public void KG1002_is_reported_for_each_dimension_out_of_range()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [Linear({|KG1002:0|}, {|KG1002:-1|})]
            public sealed partial class Projection;
            """,
            "inFeatures is 0; it must be between 1 and 1048576",
            "outFeatures is -1; it must be between 1 and 1048576");
    }

    [Fact]
    public void KG1002_argument_given_by_a_constant_is_reported_on_the_argument()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [Linear(Sizes.Width, {|KG1002:Sizes.Width - 64|})]
            public sealed partial class Projection;

            internal static class Sizes
            {
                public const int Width = 64;
            }
            """,
            "outFeatures is 0; it must be between 1 and 1048576");
    }

    [Fact]
    public void KG1003_weight_too_large_is_reported_on_the_whole_attribute()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [{|KG1003:Linear(inFeatures: 1048576, outFeatures: 1024)|}]
            public sealed partial class Embedding;
            """,
            "Layer 'Embedding' declares a weight of 1024 × 1048576 = 1073741824 values; at most 268435456 (1 GiB of float32) are supported");
    }

    [Fact]
    public void KG1003_is_not_reported_at_exactly_the_largest_weight()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using KernelGen;

            [Linear(inFeatures: 1048576, outFeatures: 256)]
            public sealed partial class Embedding;
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Single(run.Result.GeneratedSources);
    }

    [Fact]
    public void KG1004_generic_layer_type_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [Linear(4, 2)]
            public sealed partial class {|KG1004:Projection|}<T>;
            """,
            "Layer type 'Projection' cannot be generic or nested in a generic type: a layer's shape and kernels are fixed at compile time");
    }

    [Fact]
    public void KG1004_layer_nested_in_a_generic_type_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            public partial class Model<T>
            {
                [Linear(4, 2)]
                public sealed partial class {|KG1004:Projection|};
            }
            """,
            "Layer type 'Projection' cannot be generic or nested in a generic type: a layer's shape and kernels are fixed at compile time");
    }

    [Fact]
    public void KG1005_base_class_is_reported_on_the_base_type()
    {
        DiagnosticVerifier.Verify(
            """
            using System;
            using KernelGen;

            public class Module
            {
            }

            [Linear(4, 2)]
            public sealed partial class Projection : {|KG1005:Module|}, IDisposable
            {
                public void Dispose()
                {
                }
            }
            """,
            "Layer type 'Projection' derives from 'Module'; the generated layer derives from KernelGen.LinearLayer, so remove the base class");
    }

    [Fact]
    public void KG1005_is_not_reported_for_LinearLayer_or_interfaces()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using System;
            using KernelGen;

            [Linear(4, 2)]
            public sealed partial class Explicit : LinearLayer;

            [Linear(4, 2)]
            public sealed partial class WithInterface : IDisposable
            {
                public void Dispose()
                {
                }
            }
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(2, run.Result.GeneratedSources.Length);
    }

    [Fact]
    public void KG1006_containing_type_not_partial_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            public partial class Model
            {
                public class {|KG1006:Block|}
                {
                    [Linear(4, 2)]
                    public sealed partial class Projection;
                }
            }
            """,
            "Type 'Block' contains layer 'Projection' and must be declared 'partial'");
    }

    [Fact]
    public void KG1007_static_layer_type_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [Linear(4, 2)]
            public static partial class {|KG1007:Projection|};
            """,
            "Layer type 'Projection' is static; a layer is an object that owns its parameters");
    }

    [Fact]
    public void Problems_of_the_type_and_of_the_shape_are_reported_together()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            public class {|KG1006:Model|}
            {
                [Linear({|KG1002:0|}, 2)]
                public sealed class {|KG1001:Projection|}
                {
                }
            }
            """,
            "Type 'Model' contains layer 'Projection' and must be declared 'partial'",
            "inFeatures is 0; it must be between 1 and 1048576",
            "Layer type 'Projection' must be declared 'partial' so that KernelGen can generate its kernels");
    }

    [Theory]
    [InlineData("[Linear(768, 3072, {|KG1010:Activation = (ActivationFunction)42|})]", "Activation is 42, which names no member of ActivationFunction; use one of Relu, Gelu, GeluTanh, Silu, Tanh, Sigmoid")]
    [InlineData("[Linear(8, 4, Bias = false, {|KG1010:Activation = (ActivationFunction)(-1)|})]", "Activation is -1, which names no member of ActivationFunction; use one of Relu, Gelu, GeluTanh, Silu, Tanh, Sigmoid")]
    [InlineData("[Linear({|KG1002:0|}, 4, {|KG1010:Activation = (ActivationFunction)6|})]", "inFeatures is 0; it must be between 1 and 1048576", "Activation is 6, which names no member of ActivationFunction; use one of Relu, Gelu, GeluTanh, Silu, Tanh, Sigmoid")]
    public void KG1010_unknown_activation_of_a_linear_is_reported_on_the_property(string attribute, params string[] messages)
    {
        DiagnosticVerifier.Verify(
            $$"""
            using KernelGen;

            {{attribute}}
            public sealed partial class Projection;
            """,
            messages);
    }

    [Theory]
    [InlineData("[Linear(768, 768, {|KG1018:Arithmetic = (KernelArithmetic)7|})]", "Arithmetic is 7, which names no member of KernelArithmetic; use Bitwise or Exact")]
    [InlineData("[Linear(8, 4, Bias = false, {|KG1018:Arithmetic = (KernelArithmetic)(-1)|})]", "Arithmetic is -1, which names no member of KernelArithmetic; use Bitwise or Exact")]
    public void KG1018_unknown_arithmetic_of_a_linear_is_reported_on_the_property(string attribute, params string[] messages)
    {
        DiagnosticVerifier.Verify(
            $$"""
            using KernelGen;

            {{attribute}}
            public sealed partial class Projection;
            """,
            messages);
    }

    [Theory]
    [InlineData("[Linear(4, 2, Activation = ActivationFunction.Relu)]", "Relu")]
    [InlineData("[Linear(4, 2, Activation = 0)]", "Relu")] // the literal 0 converts to any enum
    [InlineData("[Linear(4, 2, Bias = false, Activation = KernelGen.ActivationFunction.Sigmoid)]", "Sigmoid")]
    [InlineData("[Linear(outFeatures: 2, inFeatures: 4, Activation = ActivationFunction.GeluTanh, Bias = true)]", "GeluTanh")]
    public void A_declared_activation_is_generated_in_every_spelling(string attribute, string function)
    {
        GeneratorRun run = GeneratorHarness.Run(
            $$"""
            using KernelGen;

            {{attribute}}
            public sealed partial class Projection;
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Empty(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        string generated = Assert.Single(run.Result.GeneratedSources).SourceText.ToString();
        Assert.Contains($"activation: global::KernelGen.ActivationFunction.{function})", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Linear(1024)]")]
    [InlineData("[Linear(\"a\", 3)]")]
    [InlineData("[Linear(4, 2, Bias = 1)]")]
    [InlineData("[Linear(4, 2, 1)]")]
    [InlineData("[Linear(4, Missing.Value)]")]
    [InlineData("[Linear(4, 2, Activation = null)]")]
    [InlineData("[Linear(4, 2, Activation = ActivationFunction.Softplus)]")]
    public void Attribute_that_does_not_bind_is_left_to_the_compiler(string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run(
            $$"""
            using KernelGen;

            {{attribute}}
            public sealed partial class Projection;
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Empty(run.Result.GeneratedSources);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken), diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Attribute_repeated_on_two_partial_declarations_is_left_to_the_compiler()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using KernelGen;

            [Linear(4, 2)]
            public sealed partial class Projection;

            [Linear(4, 2)]
            public sealed partial class Projection;
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken), diagnostic => diagnostic.Id == "CS0579");
    }

    [Fact]
    public void Diagnostic_messages_do_not_depend_on_the_current_culture()
    {
        // Swedish formats negative numbers with U+2212 MINUS SIGN; the compiler runs in the user's culture.
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
        try
        {
            DiagnosticVerifier.Verify(
                """
                using KernelGen;

                [Linear(8, {|KG1002:-3|})]
                public sealed partial class Projection;
                """,
                "outFeatures is -3; it must be between 1 and 1048576");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Every_descriptor_is_enabled_with_its_severity_tracked_and_a_help_page_in_the_repository()
    {
        DiagnosticDescriptor[] descriptors = typeof(GeneratorDiagnostics)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToArray();

        // IDs are numbered without gaps from KG1001, and each is tracked in the release files.
        Assert.Equal(
            Enumerable.Range(1, descriptors.Length).Select(n => $"KG{1000 + n}"),
            descriptors.Select(descriptor => descriptor.Id));
        string releases = File.ReadAllText(Path.Combine(Repository.Root, "generator", "KernelGen.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.All(descriptors, descriptor => Assert.Contains($"{descriptor.Id} | KernelGen.Generator | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal));

        // Every diagnostic stops generation, except that a module without children is only suspicious.
        Assert.Equal(["KG1017"], descriptors.Where(descriptor => descriptor.DefaultSeverity != DiagnosticSeverity.Error).Select(descriptor => descriptor.Id));
        Assert.Equal(DiagnosticSeverity.Warning, GeneratorDiagnostics.ModuleWithoutChildren.DefaultSeverity);
        Assert.All(descriptors, descriptor =>
        {
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal($"https://github.com/kernelgen/kernelgen/blob/main/docs/generator/{descriptor.Id}.md", descriptor.HelpLinkUri);
            string page = Path.Combine(Repository.Root, "docs", "generator", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"docs/generator/{descriptor.Id}.md is missing.");
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}\n", File.ReadAllText(page), StringComparison.Ordinal);
        });
    }
}
