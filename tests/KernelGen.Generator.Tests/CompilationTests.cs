using System.Linq;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>
/// The generated code compiles in a user's project without a single warning: nullable enabled,
/// every warning wave, documentation comments checked, and unsafe code not allowed.
/// </summary>
public sealed class CompilationTests
{
    [Theory]
    [MemberData(nameof(Layers.Names), MemberType = typeof(Layers))]
    public void Generated_layer_compiles_without_warnings(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Layers.Get(name).Source);

        EmitAssert.EmitsWithoutWarnings(run);
    }

    [Fact]
    public void All_layers_compile_together_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run(Layers.All.Select(layer => layer.Source).ToArray());

        EmitAssert.EmitsWithoutWarnings(run);
    }

    [Fact]
    public void Every_other_layer_attribute_generates_one_file_that_compiles_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run(Layers.EveryOtherAttribute);

        Assert.Equal(
            ["Demo.All.LogProbabilities.LogSoftmax.g.cs", "Demo.All.Norm1d.BatchNorm1d.g.cs", "Demo.All.Norm2d.BatchNorm2d.g.cs", "Demo.All.Probabilities.Softmax.g.cs", "Demo.All.Scores.MatMul.g.cs", "Demo.All.SelfAttention.Attention.g.cs", "Demo.All.Words.Embedding.g.cs"],
            run.Result.GeneratedSources.Select(source => source.HintName).Order());
        EmitAssert.EmitsWithoutWarnings(run);
    }

    [Fact]
    public void Generated_layer_derives_from_LinearLayer_with_the_declared_shape()
    {
        GeneratorRun run = GeneratorHarness.Run(Layers.Projection);

        INamedTypeSymbol projection = run.OutputCompilation.GetTypeByMetadataName("Demo.Projection")!;
        Assert.Equal("KernelGen.LinearLayer", projection.BaseType?.ToDisplayString());
        Assert.Equal(1024, Constant(projection, "K"));
        Assert.Equal(64, Constant(projection, "N"));
        Assert.Equal(64, Constant(projection, "Stride"));
        Assert.Contains(projection.InstanceConstructors, constructor => constructor.Parameters.IsEmpty && constructor.DeclaredAccessibility == Accessibility.Public);
        Assert.Contains(projection.InstanceConstructors, constructor => constructor.Parameters.SingleOrDefault()?.Type.SpecialType == SpecialType.System_UInt64);
    }

    private static object? Constant(INamedTypeSymbol type, string name) =>
        Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(type.GetMembers(name))).ConstantValue;
}
