using System.Linq;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>
/// Edits that cannot change a layer leave every step cached (the IDE does no work on keystrokes);
/// an edit of a layer's shape modifies its model and regenerates its file.
/// </summary>
public sealed class IncrementalityTests
{
    // The method comes first so that editing it moves the layer's declaration in the file.
    private const string LayerFile = """
        using KernelGen;

        namespace Demo;

        public static class Answers
        {
            public static int Answer() => 42;
        }

        [Linear(inFeatures: 1024, outFeatures: 64)]
        public sealed partial class Projection;

        [LayerNorm(1024)]
        public sealed partial class Norm;

        [Activation(ActivationFunction.Gelu, 64)]
        public sealed partial class Act;

        [Linear(64, 256, Activation = ActivationFunction.Gelu)]
        public sealed partial class Up;
        """;

    // A layer with a diagnostic, so that the Diagnostics step has an output to cache.
    private const string InvalidLayerFile = """
        using KernelGen;

        namespace Demo;

        [Linear(0, 8)]
        public sealed partial class Broken;
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        Compilation edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse(
            """
            namespace Demo;

            public sealed class Unrelated
            {
                public int Value { get; set; }
            }
            """,
            "Unrelated.cs"));
        GeneratorRun run = GeneratorHarness.Run(driver, edited);

        TrackedSteps.AssertAllCachedOrUnchanged(run.Result);
    }

    [Fact]
    public void Editing_a_method_body_in_the_layer_file_leaves_every_step_cached_or_unchanged()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        Compilation edited = SourceEdits.Replace(compilation, "Projection.cs", "=> 42", "=> 6 * 7");
        GeneratorRun run = GeneratorHarness.Run(driver, edited);

        TrackedSteps.AssertAllCachedOrUnchanged(run.Result);
    }

    [Fact]
    public void Changing_a_LayerNorm_epsilon_modifies_only_the_norm_model()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        Compilation edited = SourceEdits.Replace(compilation, "Projection.cs", "[LayerNorm(1024)]", "[LayerNorm(1024, Epsilon = 1e-6f)]");
        GeneratorRun run = GeneratorHarness.Run(driver, edited);

        Assert.Contains(TrackedSteps.Outputs(run.Result, TrackingNames.NormLayerModels), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.LinearLayerModels), output => Assert.NotEqual(IncrementalStepRunReason.Modified, output.Reason));
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.ActivationLayerModels), output => Assert.NotEqual(IncrementalStepRunReason.Modified, output.Reason));
        Assert.Contains("private const float Eps = 1E-06f;", run.Result.GeneratedSources.Single(source => source.HintName == "Demo.Norm.LayerNorm.g.cs").SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_outFeatures_modifies_the_model_and_regenerates_the_file()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        Compilation edited = SourceEdits.Replace(compilation, "Projection.cs", "outFeatures: 64", "outFeatures: 32");
        GeneratorRun run = GeneratorHarness.Run(driver, edited);

        Assert.Contains(TrackedSteps.Outputs(run.Result, TrackingNames.LinearLayerModels), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.Diagnostics), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        GeneratedSourceResult projection = run.Result.GeneratedSources.Single(source => source.HintName == "Demo.Projection.Linear.g.cs");
        Assert.Contains("private const int N = 32;", projection.SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_fused_activation_modifies_only_that_layer_and_regenerates_its_file()
    {
        (GeneratorDriver driver, Compilation compilation) = RunOnce();

        Compilation edited = SourceEdits.Replace(compilation, "Projection.cs", "Activation = ActivationFunction.Gelu", "Activation = ActivationFunction.Silu");
        GeneratorRun run = GeneratorHarness.Run(driver, edited);

        IncrementalStepRunReason[] linear = TrackedSteps.Outputs(run.Result, TrackingNames.LinearLayerModels).Select(output => output.Reason).ToArray();
        Assert.Single(linear, reason => reason == IncrementalStepRunReason.Modified); // Up; Projection is unchanged
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.ActivationLayerModels), output => Assert.NotEqual(IncrementalStepRunReason.Modified, output.Reason));
        Assert.All(TrackedSteps.Outputs(run.Result, TrackingNames.Diagnostics), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        string up = run.Result.GeneratedSources.Single(source => source.HintName == "Demo.Up.Linear.g.cs").SourceText.ToString();
        Assert.Contains("activation: global::KernelGen.ActivationFunction.Silu", up, System.StringComparison.Ordinal);
        Assert.Contains("global::KernelGen.SiluFunction<TMath>", up, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Gelu", up, System.StringComparison.Ordinal);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce()
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(
            GeneratorHarness.Parse(LayerFile, "Projection.cs"),
            GeneratorHarness.Parse(InvalidLayerFile, "Broken.cs"));
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), compilation);
        Assert.Equal(4, run.Result.GeneratedSources.Length); // Projection, Norm, Act, Up
        Assert.Single(run.Result.Diagnostics);
        return (run.Driver, compilation);
    }
}
