using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using KernelGen.Generator.Model;
using KernelGen.Generator.Tests.Helpers;
using KernelGen.Generator.Tests.Modules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>
/// What flows between incremental steps is plain values: no symbol, syntax node, location,
/// compilation or semantic model (which would root a whole compilation in the cache and defeat
/// the equality checks that keep steps cached), and equal by value across compilations.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location),
        typeof(Compilation), typeof(SemanticModel), typeof(AttributeData),
    ];

    // Leaves that are values by construction; DiagnosticDescriptor is one of a few static instances.
    private static readonly Type[] PlainLeaves =
    [
        typeof(string), typeof(TextSpan), typeof(LinePositionSpan), typeof(DiagnosticDescriptor),
    ];

    private static readonly string[] StepNames = [.. TrackedSteps.Names, TrackingNames.ParseModules, TrackingNames.ModuleModels];

    private static readonly string[] Sources =
    [
        .. Layers.All.Select(layer => layer.Source),
        ModuleSources.Layers,
        ModuleSources.Modules,
        """
        using KernelGen;

        [Module]
        public sealed partial class BrokenModule : Module
        {
            [StateName("a.b")]
            private readonly Module _child = null!;
        }
        """,
        """
        using KernelGen;

        public class Model
        {
            [Linear(0, 8)]
            public sealed class Broken;
        }
        """,
    ];

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_locations_or_compilations()
    {
        GeneratorRun run = RunWithTracking();
        var seen = new HashSet<Type>();

        foreach (string name in StepNames)
        {
            foreach ((object value, _) in TrackedSteps.Outputs(run.Result, name))
            {
                AssertPlainValue(value, name, seen);
            }
        }

        // The walk reached every kind of model, so it did not pass for want of looking.
        Assert.Superset(
            new HashSet<Type> { typeof(LinearLayerModel), typeof(ModuleModel), typeof(ModuleChildModel), typeof(LayerTypeModel), typeof(ContainingTypeModel), typeof(DiagnosticInfo), typeof(LocationInfo) },
            seen);
    }

    [Fact]
    public void Step_outputs_are_equal_by_value_across_compilations()
    {
        GeneratorRun first = RunWithTracking();
        GeneratorRun second = RunWithTracking();

        foreach (string name in StepNames)
        {
            object[] expected = TrackedSteps.Outputs(first.Result, name).Select(output => output.Value).ToArray();
            object[] actual = TrackedSteps.Outputs(second.Result, name).Select(output => output.Value).ToArray();

            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Select(value => value.GetHashCode()), actual.Select(value => value.GetHashCode()));
        }
    }

    private static GeneratorRun RunWithTracking() =>
        GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.CreateCompilation(Sources));

    private static void AssertPlainValue(object? value, string path, HashSet<Type> seen)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        seen.Add(type);
        Type? forbidden = Array.Find(Forbidden, forbidden => forbidden.IsInstanceOfType(value));
        Assert.True(forbidden is null, $"{path} is a {type}, which is a {forbidden}.");

        if (type.IsPrimitive || type.IsEnum || PlainLeaves.Contains(type))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                AssertPlainValue(item, $"{path}[{index++}]", seen);
            }

            return;
        }

        Assert.True(type.Assembly == typeof(LayerGenerator).Assembly, $"{path} is a {type}, which is not known to be a plain value.");
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPlainValue(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
