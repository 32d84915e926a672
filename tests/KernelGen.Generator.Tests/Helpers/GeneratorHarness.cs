using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>
/// Compiles sources in memory the way a user's project would (.NET 10 reference assemblies, the
/// KernelGen runtime and ILGPU, nullable on, no unsafe code) and runs <see cref="LayerGenerator"/> on them.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The latest language version, with documentation comments parsed and checked as with GenerateDocumentationFile.</summary>
    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>
    /// A class library with nullable reference types, every warning wave, and unsafe code disallowed.
    /// CS1701 and CS1702 (ILGPU, built for net7.0, binds to .NET 10's newer framework assemblies) are
    /// off, as the .NET SDK turns them off in every project.
    /// </summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: false,
            warningLevel: 9999,
            deterministic: true)
        .WithSpecificDiagnosticOptions(
        [
            new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
            new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
        ]);

    /// <summary>.NET 10 reference assemblies, the KernelGen runtime and ILGPU.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(LinearLayer).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILGPU.Index2D).Assembly.Location),
    ];

    /// <summary>Parses a source as the file <paramref name="path"/>.</summary>
    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>Creates a compilation of <paramref name="sources"/>, named <c>Source0.cs</c>, <c>Source1.cs</c>, ….</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((source, i) => Parse(source, $"Source{i}.cs")).ToArray());

    public static CSharpCompilation CreateCompilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("KernelGen.Generator.Tests.Input", trees, References, CompilationOptions);

    /// <summary>A driver for <see cref="LayerGenerator"/>; with step tracking, the run results name each incremental step's outputs.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new LayerGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs <paramref name="driver"/> on <paramref name="compilation"/> and asserts that the generator did not throw.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics, TestContext.Current.CancellationToken);
        GeneratorRunResult result = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(result.Exception);
        return new GeneratorRun(driver, result, output, driverDiagnostics);
    }

    /// <summary>Compiles <paramref name="sources"/> and runs a fresh driver on them.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));
}

/// <summary>One run of the generator.</summary>
/// <param name="Driver">The driver after the run, holding the state that the next run reuses.</param>
/// <param name="Result">The generator's sources, diagnostics and tracked steps.</param>
/// <param name="OutputCompilation">The input compilation with the generated sources added.</param>
/// <param name="DriverDiagnostics">Diagnostics of the driver itself (a generator failure would be reported here).</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorRunResult Result,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> DriverDiagnostics);
