using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>Runs the generator on a marked-up source and checks its diagnostics: IDs, spans, messages and their descriptors' severity.</summary>
internal static class DiagnosticVerifier
{
    /// <summary>The path of the verified source; generator diagnostics must point into it.</summary>
    public const string FilePath = "Layers.cs";

    /// <summary>
    /// Asserts that the generator reports exactly the diagnostics marked in <paramref name="markup"/>,
    /// in source order, with the given messages; when any is marked, the markup is expected to declare
    /// only invalid layers and modules, so nothing may be generated.
    /// </summary>
    public static void Verify(string markup, params string[] messages)
    {
        (string source, ImmutableArray<ExpectedDiagnostic> expected) = DiagnosticMarkup.Parse(markup);
        Assert.Equal(expected.Length, messages.Length);

        SyntaxTree tree = GeneratorHarness.Parse(source, FilePath);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), GeneratorHarness.CreateCompilation(tree));

        Diagnostic[] actual = run.Result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).ToArray();
        Assert.Equal(
            expected.Select((e, i) => (e.Id, e.Span, messages[i])),
            actual.Select(d => (d.Id, d.Location.SourceSpan, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));

        foreach (Diagnostic diagnostic in actual)
        {
            Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);
            Assert.Equal(tree.GetLineSpan(diagnostic.Location.SourceSpan), diagnostic.Location.GetLineSpan());
        }

        if (expected.Length > 0)
        {
            Assert.Empty(run.Result.GeneratedSources);
        }
    }
}
