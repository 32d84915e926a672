using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelGen.Analyzers.Benchmarks;

/// <summary>
/// All nine KG analyzers over one 10,000-line file, in scope (<c>[assembly: Deterministic]</c>:
/// every rule runs on every member) and out of scope (one check per member). Each operation binds a
/// fresh clone of the compilation, so <see cref="CompilerOnly"/> is the baseline to subtract.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AnalyzerBenchmarks
{
    private const int Lines = 10_000;

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = typeof(KernelGenAnalyzer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .Select(type => (DiagnosticAnalyzer)System.Activator.CreateInstance(type)!)
        .ToImmutableArray();

    private CSharpCompilation _inScope = null!;
    private CSharpCompilation _outOfScope = null!;

    /// <summary>Parses the two files and creates their compilations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _inScope = Create(SyntheticModel.Generate(Lines, inScope: true));
        _outOfScope = Create(SyntheticModel.Generate(Lines, inScope: false));
    }

    /// <summary>Binding every method body, without analyzers.</summary>
    [Benchmark(Baseline = true)]
    public int CompilerOnly() => _inScope.Clone().GetDiagnostics().Length;

    /// <summary>Every rule on every member.</summary>
    [Benchmark]
    public Task<int> AllAnalyzersInScope() => AnalyzeAsync(_inScope);

    /// <summary>No member in scope: the cost of deciding so.</summary>
    [Benchmark]
    public Task<int> AllAnalyzersOutOfScope() => AnalyzeAsync(_outOfScope);

    private static async Task<int> AnalyzeAsync(CSharpCompilation compilation)
    {
        ImmutableArray<Diagnostic> diagnostics = await compilation.Clone().WithAnalyzers(s_analyzers).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    private static CSharpCompilation Create(string source)
        => CSharpCompilation.Create(
            "Synthetic",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(ILGPU.Index1D).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: true));
}
