using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using KernelGen.Analyzers.Diagnostics;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>
/// Fixes KG0006 by calling the <c>KernelGen.DetMath</c> method the analyzer found
/// (<c>MathF.Exp(x)</c> becomes <c>DetMath.Exp(x)</c>); offered only when that method exists.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DetMathCodeFixProvider)), Shared]
public sealed class DetMathCodeFixProvider : ReplacementCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "KG0006.DetMath";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.PlatformTranscendental.Id);

    private protected override IEnumerable<Action> GetActions(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is InvocationExpressionSyntax && ReplacementOf(diagnostic) is { } method)
        {
            yield return new Action("Use DetMath." + method, Key);
        }
    }

    private protected override SyntaxNode? Rewrite(SyntaxNode node, Diagnostic diagnostic, string equivalenceKey)
        => node is InvocationExpressionSyntax invocation && ReplacementOf(diagnostic) is { } method
            ? invocation.WithExpression(KernelGenSyntax.DetMathMethod(method).WithTriviaFrom(invocation.Expression))
            : null;

    private static string? ReplacementOf(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(TranscendentalAnalyzer.DetMathMethodProperty, out string? method) ? method : null;
}
