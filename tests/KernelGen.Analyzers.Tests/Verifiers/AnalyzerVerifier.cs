using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KernelGen.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer over a marked-up source (<c>{|KG0001:span|}</c>) with the KernelGen stubs.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Asserts that <paramref name="source"/> yields exactly the diagnostics in its markup and <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A diagnostic of the analyzer's only rule, for <c>.WithSpan</c>/<c>.WithArguments</c>.</summary>
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    /// <summary>The analyzer test with KernelGen's references and stubs.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        /// <summary>Creates the test of <paramref name="source"/> (file <c>/0/Test0.cs</c>) with the stub sources and on-disk references.</summary>
        public Test(string source)
        {
            TestCode = source;
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestState.Sources.Add(("KernelGenStubs.cs", Stubs.KernelGen));
            TestState.Sources.Add(("XMathStubs.cs", Stubs.XMath));
            TestState.Sources.Add(("TensorPrimitivesStubs.cs", Stubs.TensorPrimitives));
        }
    }
}
