using System.Linq;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>The generated text of a few declarations, verbatim, against the committed snapshots.</summary>
public sealed class GeneratedTextTests
{
    [Theory]
    [MemberData(nameof(Layers.Names), MemberType = typeof(Layers))]
    public void Generates_one_file_named_after_the_type_that_matches_its_snapshot(string name)
    {
        LayerCase layer = Layers.Get(name);

        GeneratorRun run = GeneratorHarness.Run(layer.Source);

        Assert.Empty(run.Result.Diagnostics);
        GeneratedSourceResult generated = Assert.Single(run.Result.GeneratedSources);
        Assert.Equal(layer.HintName, generated.HintName);
        Snapshot.Match(layer.HintName, generated.SourceText.ToString());
    }

    [Fact]
    public void Generates_one_file_per_layer_of_a_compilation()
    {
        GeneratorRun run = GeneratorHarness.Run(Layers.All.Select(layer => layer.Source).ToArray());

        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(
            Layers.All.Select(layer => layer.HintName).Order(),
            run.Result.GeneratedSources.Select(source => source.HintName).Order());
    }
}
