using System.Linq;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests.Modules;

/// <summary>
/// Edits that cannot change a module's children leave its steps cached (a keystroke in <c>Forward</c> does
/// no work); adding a child modifies only that module's model and regenerates its file.
/// </summary>
public sealed class ModuleIncrementalityTests
{
    // The method comes first so that editing it moves the members after it.
    private const string ModuleFile = """
        using KernelGen;

        namespace Demo.Text;

        [Module]
        public sealed partial class Model : Module
        {
            public int Depth() => 2;

            private readonly Words _embeddings = new();
            private readonly Block[] _blocks = [new(), new()];
        }
        """;

    // A module with a diagnostic, so that the Diagnostics step has an output to cache.
    private const string InvalidModuleFile = """
        using KernelGen;

        [Module]
        public sealed partial class Broken : Module
        {
            [StateName("")]
            private readonly Module _child = null!;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        Compilation edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Demo; public sealed class Unrelated { public int Value { get; set; } }", "Unrelated.cs"));
        GeneratorRun run = GeneratorHarness.Run(driver, edited);

        TrackedSteps.AssertAllCachedOrUnchanged(run.Result, TrackedSteps.ModuleNames);
    }

    [Fact]
    public void Editing_a_method_body_of_a_module_leaves_every_step_cached_or_unchanged()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        GeneratorRun run = GeneratorHarness.Run(driver, SourceEdits.Replace(compilation, "Modules.cs", "=> 2", "=> 1 + 1"));

        TrackedSteps.AssertAllCachedOrUnchanged(run.Result, TrackedSteps.ModuleNames);
    }

    [Fact]
    public void Changing_the_shape_of_a_child_layer_regenerates_the_layer_but_not_the_modules()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        GeneratorRun run = GeneratorHarness.Run(driver, SourceEdits.Replace(compilation, "Layers.cs", "[Linear(8, 16)]", "[Linear(8, 32)]"));

        Assert.Contains(TrackedSteps.Outputs(run.Result, TrackingNames.LinearLayerModels), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.ModuleModels), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Removing_the_layer_attribute_of_a_child_type_drops_that_child()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        // Fc1 stops being a layer, so Block's _fc1 and Tagged's _head stop being children.
        GeneratorRun run = GeneratorHarness.Run(driver, SourceEdits.Replace(compilation, "Layers.cs", "[Linear(8, 16)]", "[System.Serializable]"));

        Assert.Equal(2, TrackedSteps.Outputs(run.Result, TrackingNames.ModuleModels).Count(output => output.Reason == IncrementalStepRunReason.Modified));
        string block = run.Result.GeneratedSources.Single(source => source.HintName == "Demo.Text.Block.Module.g.cs").SourceText.ToString();
        Assert.Contains("children.Add(\"ln1\", this._ln1);", block, System.StringComparison.Ordinal);
        Assert.DoesNotContain("fc1", block, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_child_modifies_only_that_module_and_regenerates_its_file()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        GeneratorRun run = GeneratorHarness.Run(
            driver, SourceEdits.Replace(compilation, "Modules.cs", "private readonly Block[] _blocks", "private readonly Ln2 _finalNorm = new();\n    private readonly Block[] _blocks"));

        IncrementalStepRunReason[] modules = TrackedSteps.Outputs(run.Result, TrackingNames.ModuleModels).Select(output => output.Reason).ToArray();
        Assert.Single(modules, reason => reason == IncrementalStepRunReason.Modified); // Model; Block, Stack and Tagged are unchanged
        Assert.DoesNotContain(IncrementalStepRunReason.New, modules);
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.Diagnostics), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        string model = run.Result.GeneratedSources.Single(source => source.HintName == "Demo.Text.Model.Module.g.cs").SourceText.ToString();
        Assert.Contains(
            """
                    children.Add("embeddings", this._embeddings);
                    children.Add("final_norm", this._finalNorm);
                    children.AddList<global::Demo.Text.Block>("blocks", this._blocks);
            """.Replace("\r\n", "\n", System.StringComparison.Ordinal),
            model,
            System.StringComparison.Ordinal);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce()
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(
            GeneratorHarness.Parse(ModuleSources.Layers, "Layers.cs"),
            GeneratorHarness.Parse(ModuleSources.Modules, "Blocks.cs"),
            GeneratorHarness.Parse(ModuleFile, "Modules.cs"),
            GeneratorHarness.Parse(InvalidModuleFile, "Broken.cs"));
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), compilation);
        Assert.Equal(4, run.Result.GeneratedSources.Count(source => source.HintName.EndsWith(".Module.g.cs", System.StringComparison.Ordinal)));
        Assert.Equal("KG1016", Assert.Single(run.Result.Diagnostics).Id);
        return (run.Driver, compilation);
    }
}
