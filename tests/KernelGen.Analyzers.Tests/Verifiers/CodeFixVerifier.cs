using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KernelGen.Analyzers.Tests.Verifiers;

/// <summary>Runs an analyzer and its code fix over a marked-up source and compares the fixed source, one fix at a time and with Fix All.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Asserts that <paramref name="source"/> has the diagnostics in its markup and that applying the
    /// code action <paramref name="equivalenceKey"/> (the first one when <see langword="null"/>)
    /// everywhere gives <paramref name="fixedSource"/>.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null)
    {
        var test = new Test(source, fixedSource) { CodeActionEquivalenceKey = equivalenceKey };
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The code fix test with KernelGen's references and stubs.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>Creates the test of <paramref name="source"/> and <paramref name="fixedSource"/> (file <c>/0/Test0.cs</c>) with the stub sources and on-disk references.</summary>
        public Test(string source, string fixedSource)
        {
            TestCode = source;
            FixedCode = fixedSource;
            FixedState.MarkupHandling = MarkupMode.Allow;
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestState.Sources.Add(("KernelGenStubs.cs", Stubs.KernelGen));
            TestState.Sources.Add(("XMathStubs.cs", Stubs.XMath));
            TestState.Sources.Add(("TensorPrimitivesStubs.cs", Stubs.TensorPrimitives));
            FixedState.AdditionalReferences.AddRange(TestReferences.All);
            FixedState.Sources.Add(("KernelGenStubs.cs", Stubs.KernelGen));
            FixedState.Sources.Add(("XMathStubs.cs", Stubs.XMath));
            FixedState.Sources.Add(("TensorPrimitivesStubs.cs", Stubs.TensorPrimitives));
        }
    }
}
