using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Analyzers.Diagnostics;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>
/// Fixes KG0006 by calling the <c>KernelGen.DetMath</c> method the analyzer found
/// (<c>MathF.Exp(x)</c> becomes <c>DetMath.Exp(x)</c>); offered only when that method exists.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DetMathCodeFixProvider)), Shared]
public sealed class DetMathCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.PlatformTranscendental.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(TranscendentalAnalyzer.DetMathMethodProperty, out string? method)
                || method is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use DetMath." + method,
                    token => ReplaceAsync(context.Document, invocation, method, token),
                    equivalenceKey: "KG0006.DetMath"),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, InvocationExpressionSyntax invocation, string method, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        InvocationExpressionSyntax replacement = invocation.WithExpression(
            KernelGenSyntax.DetMathMethod(method).WithTriviaFrom(invocation.Expression));
        return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
    }
}
