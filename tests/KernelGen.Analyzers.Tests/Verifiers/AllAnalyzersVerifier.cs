using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KernelGen.Analyzers.Tests.Verifiers;

/// <summary>Runs every KG analyzer at once over a marked-up source, with the KernelGen stubs.</summary>
internal static class AllAnalyzersVerifier
{
    /// <summary>Every analyzer in the KernelGen.Analyzers assembly.</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = typeof(KernelGenAnalyzer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .OrderBy(type => type.Name, System.StringComparer.Ordinal)
        .Select(type => (DiagnosticAnalyzer)System.Activator.CreateInstance(type)!)
        .ToArray();

    /// <summary>Asserts that <paramref name="source"/> yields exactly the diagnostics in its markup, from any rule.</summary>
    public static Task VerifyAsync(string source, string? editorConfig = null, params DiagnosticResult[] expected)
    {
        var test = new Test(source);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private sealed class Test : CSharpAnalyzerTest<ReductionOrderAnalyzer, DefaultVerifier>
    {
        public Test(string source)
        {
            TestCode = source;
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestState.Sources.Add(("KernelGenStubs.cs", Stubs.KernelGen));
            TestState.Sources.Add(("XMathStubs.cs", Stubs.XMath));
            TestState.Sources.Add(("TensorPrimitivesStubs.cs", Stubs.TensorPrimitives));
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
    }
}
