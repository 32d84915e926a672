using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>The generator's named incremental steps (<see cref="TrackingNames"/>) in a run with step tracking.</summary>
internal static class TrackedSteps
{
    public static ImmutableArray<string> Names { get; } =
        [TrackingNames.ParseLinearLayers, TrackingNames.Diagnostics, TrackingNames.LinearLayerModels];

    /// <summary>The outputs of the step <paramref name="name"/>, which must have run.</summary>
    public static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string name)
    {
        Assert.True(result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"Step {name} was not tracked.");
        return steps.SelectMany(step => step.Outputs);
    }

    /// <summary>The steps of the <c>[Module]</c> pipeline.</summary>
    public static ImmutableArray<string> ModuleNames { get; } =
        [TrackingNames.ParseModules, TrackingNames.Diagnostics, TrackingNames.ModuleModels];

    /// <summary>
    /// Asserts that every output of every named step (<see cref="Names"/> unless <paramref name="names"/> is
    /// given), and of the source outputs, was reused.
    /// </summary>
    public static void AssertAllCachedOrUnchanged(GeneratorRunResult result, IEnumerable<string>? names = null)
    {
        foreach (string name in names ?? Names)
        {
            (object Value, IncrementalStepRunReason Reason)[] outputs = Outputs(result, name).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"An output of {name} was {output.Reason}: {output.Value}"));
        }

        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
