using System.Linq;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests.Modules;

/// <summary>Each <c>[Module]</c> diagnostic (KG1011–KG1017): its ID, its exact span and its exact message.</summary>
public sealed class ModuleDiagnosticTests
{
    // A hand-written module: a child type for which nothing is generated.
    private const string Leaf = """
        using KernelGen;

        public sealed class Leaf : Module;

        """;

    [Fact]
    public void KG1011_module_type_not_partial_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed class {|KG1011:Block|} : Module
            {
                private readonly Leaf _leaf = new();
            }
            """,
            "Module type 'Block' must be declared 'partial' so that KernelGen can list its children");
    }

    [Fact]
    public void KG1012_module_without_a_base_class_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class {|KG1012:Block|} : System.IDisposable
            {
                private readonly Leaf _leaf = new();

                public void Dispose()
                {
                }
            }
            """,
            "Module type 'Block' derives from 'object'; a [Module] class must derive from KernelGen.Module or from another module");
    }

    [Fact]
    public void KG1012_module_with_another_base_class_is_reported_on_the_base_type()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class Block : {|KG1012:System.Exception|}
            {
                private readonly Leaf _leaf = new();
            }
            """,
            "Module type 'Block' derives from 'System.Exception'; a [Module] class must derive from KernelGen.Module or from another module");
    }

    [Fact]
    public void KG1012_static_module_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            """
            using KernelGen;

            [Module]
            public static partial class {|KG1012:Helpers|};
            """,
            "Module type 'Helpers' derives from 'object'; a [Module] class must derive from KernelGen.Module or from another module");
    }

    [Fact]
    public void KG1013_containing_type_not_partial_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            public partial class Model
            {
                public class {|KG1013:Encoder|}
                {
                    [Module]
                    public sealed partial class Block : Module
                    {
                        private readonly Leaf _leaf = new();
                    }
                }
            }
            """,
            "Type 'Encoder' contains module 'Block' and must be declared 'partial'");
    }

    [Fact]
    public void KG1014_generic_module_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class {|KG1014:Block|}<T> : Module
            {
                private readonly Leaf _leaf = new();
            }
            """,
            "Module type 'Block' cannot be generic or nested in a generic type; hold a child whose type varies in a member of type KernelGen.Module");
    }

    [Fact]
    public void KG1014_module_nested_in_a_generic_type_is_reported_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            public partial class Model<T>
            {
                [Module]
                public sealed partial class {|KG1014:Block|} : Module
                {
                    private readonly Leaf _leaf = new();
                }
            }
            """,
            "Module type 'Block' cannot be generic or nested in a generic type; hold a child whose type varies in a member of type KernelGen.Module");
    }

    [Fact]
    public void KG1015_two_children_with_one_derived_state_name_are_reported_on_the_second()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class Block : Module
            {
                private readonly Leaf _norm = new();

                public Leaf {|KG1015:Norm|} { get; } = new();
            }
            """,
            "'_norm' and 'Norm' of module 'Block' both have the state name 'norm'; give one of them another [StateName]");
    }

    [Fact]
    public void KG1015_a_state_name_given_twice_is_reported_on_the_second_member()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class Block : Module
            {
                private readonly Leaf[] _layers = [];

                [StateName("layers")]
                private readonly System.Collections.Generic.List<Leaf> {|KG1015:_more|} = [];
            }
            """,
            "'_layers' and '_more' of module 'Block' both have the state name 'layers'; give one of them another [StateName]");
    }

    [Theory]
    [InlineData("[StateName({|KG1016:\"\"|})]", "The state name of '_leaf' is ''; a state name is one segment of a dotted name: not empty and without '.'")]
    [InlineData("[StateName({|KG1016:\"encoder.layer\"|})]", "The state name of '_leaf' is 'encoder.layer'; a state name is one segment of a dotted name: not empty and without '.'")]
    [InlineData("[StateName({|KG1016:name: \".\"|})]", "The state name of '_leaf' is '.'; a state name is one segment of a dotted name: not empty and without '.'")]
    [InlineData("[StateName({|KG1016:Names.Nested|})]", "The state name of '_leaf' is 'a.b'; a state name is one segment of a dotted name: not empty and without '.'")]
    public void KG1016_invalid_state_name_is_reported_on_the_argument(string attribute, string message)
    {
        DiagnosticVerifier.Verify(
            Leaf + $$"""
            [Module]
            public sealed partial class Block : Module
            {
                {{attribute}}
                private readonly Leaf _leaf = new();
            }

            internal static class Names
            {
                public const string Nested = "a.b";
            }
            """,
            message);
    }

    [Fact]
    public void KG1016_a_member_whose_name_gives_no_state_name_is_reported_on_the_member()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class Block : Module
            {
                private readonly Leaf {|KG1016:_|} = new();
            }
            """,
            "The state name of '_' is ''; a state name is one segment of a dotted name: not empty and without '.'");
    }

    [Fact]
    public void KG1017_module_without_children_is_a_warning_on_its_identifier()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            [Module]
            public sealed partial class {|KG1017:Block|} : Module
            {
                private static readonly Leaf Shared = new();
                private readonly int _width = 8;
                private readonly Leaf[,] _grid = new Leaf[1, 1];

                public Leaf Computed => Shared;

                public int Width => _width + _grid.Length;
            }
            """,
            "Module 'Block' has no instance field or auto-property whose type derives from KernelGen.Module, so it has no parameters to load or save");
    }

    [Fact]
    public void KG1017_is_not_reported_for_a_module_that_inherits_its_children()
    {
        GeneratorRun run = GeneratorHarness.Run(
            Leaf + """
            [Module]
            public partial class Block : Module
            {
                private readonly Leaf _leaf = new();
            }

            [Module]
            public sealed partial class Tagged : Block;
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Contains("base.CollectChildren(children);", run.Result.GeneratedSources.Single(source => source.HintName == "Tagged.Module.g.cs").SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Problems_of_the_type_and_of_its_children_are_reported_together()
    {
        DiagnosticVerifier.Verify(
            Leaf + """
            public class {|KG1013:Model|}
            {
                [Module]
                public sealed class {|KG1011:Block|} : Module
                {
                    [StateName({|KG1016:""|})]
                    private readonly Leaf _a = new();
                }
            }
            """,
            "Type 'Model' contains module 'Block' and must be declared 'partial'",
            "Module type 'Block' must be declared 'partial' so that KernelGen can list its children",
            "The state name of '_a' is ''; a state name is one segment of a dotted name: not empty and without '.'");
    }

    [Fact]
    public void Module_attribute_on_two_partial_declarations_is_left_to_the_compiler()
    {
        GeneratorRun run = GeneratorHarness.Run(
            Leaf + """
            [Module]
            public sealed partial class Block : Module
            {
                private readonly Leaf _a = new();
            }

            [Module]
            public sealed partial class Block;
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken), diagnostic => diagnostic.Id == "CS0579");
    }

    [Fact]
    public void Module_with_a_base_class_that_does_not_bind_is_left_to_the_compiler()
    {
        GeneratorRun run = GeneratorHarness.Run(
            Leaf + """
            [Module]
            public sealed partial class Block : Missing
            {
                private readonly Leaf _a = new();
            }
            """);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Empty(run.Result.GeneratedSources);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken), diagnostic => diagnostic.Id == "CS0246");
    }
}
