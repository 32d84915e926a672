using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>A diagnostic expected at a span of a marked-up source.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Reads sources marked up as <c>{|KG1001:Projection|}</c>: the marked text stays in the source and
/// the diagnostic is expected exactly on it. Markers do not nest.
/// </summary>
internal static class DiagnosticMarkup
{
    private const string Open = "{|";
    private const string Close = "|}";

    public static (string Source, ImmutableArray<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        int position = 0;
        while (true)
        {
            int open = markup.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                source.Append(markup, position, markup.Length - position);
                return (source.ToString(), expected.ToImmutable());
            }

            int colon = markup.IndexOf(':', open);
            int close = markup.IndexOf(Close, open, StringComparison.Ordinal);
            if (colon < 0 || close < colon)
            {
                throw new FormatException($"Unterminated diagnostic marker at offset {open}.");
            }

            source.Append(markup, position, open - position);
            string id = markup.Substring(open + Open.Length, colon - open - Open.Length);
            string text = markup.Substring(colon + 1, close - colon - 1);
            expected.Add(new ExpectedDiagnostic(id, new TextSpan(source.Length, text.Length)));
            source.Append(text);
            position = close + Close.Length;
        }
    }
}
