using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using KernelGen.Generator.Tests.Helpers;
using KernelGen.Generator.Tests.Modules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KernelGen.Generator.Tests.Robustness;

/// <summary>
/// Property test: thousands of generated, broken and half-typed declarations never make the
/// generator throw (no exception in the run result, no CS8784/CS8785/AD0001), every generated file
/// parses, and no error is reported inside a generated file (errors in the user's own broken source
/// are fine). Seeded: KERNELGEN_GENERATOR_SEED reruns a failure, whose message prints the seed and
/// the source. One driver is reused across inputs, as in an IDE, so incremental steps see the edits.
/// </summary>
public sealed class GeneratorPropertyTests
{
    private const int DefaultSeed = 7_7_2025;

    // Each distinct generated text is parsed once; binding one (about 1,400 lines) is the expensive
    // part, so only the first few distinct texts of each test are bound.
    private const int MaxSemanticChecks = 6;

    private static readonly string[] GeneratorFailureIds = ["CS8784", "CS8785", "AD0001"];

    private static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("KERNELGEN_GENERATOR_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : DefaultSeed;

    [Fact]
    public void ValidAndBrokenDeclarations_NeverBreakTheGenerator()
    {
        var corpus = new DeclarationCorpus(Seed);
        var checker = new Checker(Seed);

        for (int i = 0; i < 120; i++)
        {
            checker.Check(corpus.Valid());
        }

        for (int i = 0; i < 330; i++)
        {
            checker.Check(corpus.Broken());
        }

        Assert.True(checker.SourcesGenerated > 80, $"only {checker.SourcesGenerated} files were generated: the valid declarations are not reaching the emitter");
        Assert.True(checker.GeneratorDiagnostics > 30, $"only {checker.GeneratorDiagnostics} KG diagnostics: the broken declarations are not reaching the parser");
        TestContext.Current.SendDiagnosticMessage(checker.Summary());
    }

    [Fact]
    public void OtherLayerAttributes_ValidAndBroken_NeverBreakTheGenerator()
    {
        var corpus = new DeclarationCorpus(Seed + 3);
        var checker = new Checker(Seed + 3);

        for (int i = 0; i < 300; i++)
        {
            checker.Check(corpus.OtherLayer());
        }

        Assert.True(checker.SourcesGenerated > 60, $"only {checker.SourcesGenerated} files were generated: the valid declarations are not reaching the emitter");
        Assert.True(checker.GeneratorDiagnostics > 20, $"only {checker.GeneratorDiagnostics} KG diagnostics: the broken declarations are not reaching the parser");
        TestContext.Current.SendDiagnosticMessage(checker.Summary());
    }

    [Fact]
    public void EveryPrefixOfAValidDeclaration_AsWhileTyping_NeverBreaksTheGenerator()
    {
        var corpus = new DeclarationCorpus(Seed + 1);
        var checker = new Checker(Seed + 1);

        for (int i = 0; i < 3; i++)
        {
            foreach (string prefix in DeclarationCorpus.Prefixes(corpus.Valid()))
            {
                checker.Check(prefix);
            }
        }

        Assert.True(checker.Inputs > 150, $"only {checker.Inputs} prefixes");
        TestContext.Current.SendDiagnosticMessage(checker.Summary());
    }

    [Fact]
    public void EveryPrefixOfModuleDeclarations_AsWhileTyping_NeverBreaksTheGenerator()
    {
        var checker = new Checker(Seed + 4);

        // Every sixth prefix: all of them take over a minute.
        foreach (string prefix in DeclarationCorpus.Prefixes(ModuleSources.Modules).Where((_, i) => i % 6 == 0))
        {
            checker.Check(ModuleSources.Layers, prefix);
        }

        Assert.True(checker.Inputs > 60, $"only {checker.Inputs} prefixes");
        Assert.True(checker.SourcesGenerated > 50, $"only {checker.SourcesGenerated} files were generated");
        Assert.True(checker.GeneratorDiagnostics > 0, "no KG diagnostic: half-typed modules are not reaching the parser");
        TestContext.Current.SendDiagnosticMessage(checker.Summary());
    }

    [Fact]
    public void RandomTokenEdits_NeverBreakTheGenerator()
    {
        var corpus = new DeclarationCorpus(Seed + 2);
        var checker = new Checker(Seed + 2);

        for (int i = 0; i < 800; i++)
        {
            checker.Check(corpus.Mutated());
        }

        TestContext.Current.SendDiagnosticMessage(checker.Summary());
    }

    [Fact]
    public void KeywordNamedLayer_GeneratesCodeThatCompiles()
    {
        // Found by this test: the '@' reached the hint name (the driver threw) and the code would have said "class class".
        GeneratorRun run = GeneratorHarness.Run(
            "using KernelGen;\nnamespace @event.Models;\npublic partial class @struct { [Linear(4, 3)] public sealed partial class @class; }");

        Assert.Equal("event.Models.struct.class.Linear.g.cs", Assert.Single(run.Result.GeneratedSources).HintName);
        Assert.Empty(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void LayerAttributedOnPartialDeclarationsInTwoFiles_IsLeftToTheCompiler()
    {
        // Found by this test: two models with one hint name made the driver throw.
        GeneratorRun run = GeneratorHarness.Run(
            "using KernelGen;\nnamespace D;\n[Linear(4, 3)]\npublic sealed partial class P;",
            "using KernelGen;\nnamespace D;\n[Linear(8, 2)]\npublic sealed partial class P;");

        Assert.Empty(run.Result.GeneratedSources);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Id == "CS0579");
    }

    [Theory]
    [InlineData("using KernelGen;\n[Linear(4, 3)]\npublic sealed partial class ")]
    [InlineData("using KernelGen;\nnamespace N.;\n[Linear(4, 3)]\npublic sealed partial class P;")]
    [InlineData("using KernelGen;\npublic partial class { [Linear(4, 3)] public sealed partial class P; }")]
    public void HalfTypedNames_GenerateNothing(string source)
    {
        // Found by this test: the generated code had an empty name and did not parse.
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.Result.GeneratedSources);
    }

    /// <summary>Runs one driver over a sequence of inputs and checks each run.</summary>
    private sealed class Checker(int seed)
    {
        private readonly HashSet<string> _parsedTexts = new(StringComparer.Ordinal);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private GeneratorDriver _driver = GeneratorHarness.CreateDriver();

        public int Inputs { get; private set; }

        public int SourcesGenerated { get; private set; }

        public int GeneratorDiagnostics { get; private set; }

        public int SemanticChecks { get; private set; }

        public void Check(params string[] sources)
        {
            Inputs++;
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
            _driver = _driver.RunGeneratorsAndUpdateCompilation(
                compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics, TestContext.Current.CancellationToken);
            GeneratorRunResult result = Assert.Single(_driver.GetRunResult().Results);

            Require(result.Exception is null, $"the generator threw {result.Exception}", sources);
            Diagnostic? failure = driverDiagnostics.Concat(result.Diagnostics).FirstOrDefault(d => GeneratorFailureIds.Contains(d.Id));
            Require(failure is null, $"the driver reported {failure}", sources);
            GeneratorDiagnostics += result.Diagnostics.Count(d => d.Id.StartsWith("KG", StringComparison.Ordinal));

            foreach (GeneratedSourceResult generated in result.GeneratedSources)
            {
                SourcesGenerated++;
                if (!_parsedTexts.Add(generated.SourceText.ToString()))
                {
                    continue; // the same text (same model) was checked already
                }

                Diagnostic? syntaxError = generated.SyntaxTree.GetDiagnostics(TestContext.Current.CancellationToken)
                    .FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
                Require(syntaxError is null, $"generated file {generated.HintName} does not parse: {syntaxError}", sources);

                if (SemanticChecks < MaxSemanticChecks)
                {
                    SemanticChecks++;
                    SyntaxTree tree = output.SyntaxTrees.Single(t => t.FilePath.EndsWith(generated.HintName, StringComparison.Ordinal));
                    Diagnostic? error = output.GetSemanticModel(tree).GetDiagnostics(cancellationToken: TestContext.Current.CancellationToken)
                        .FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
                    Require(error is null, $"generated file {generated.HintName} has an error: {error}", sources);
                }
            }
        }

        public string Summary() =>
            $"seed {seed}: {Inputs} inputs, {SourcesGenerated} generated files, {GeneratorDiagnostics} KG diagnostics, " +
            $"{SemanticChecks} generated files bound, {_clock.Elapsed.TotalSeconds:F1} s";

        private void Require(bool condition, string what, string[] sources)
        {
            if (!condition)
            {
                Assert.Fail($"KERNELGEN_GENERATOR_SEED={seed}, input {Inputs}: {what}\n--- source ---\n{string.Join("\n--- next file ---\n", sources)}");
            }
        }
    }
}
