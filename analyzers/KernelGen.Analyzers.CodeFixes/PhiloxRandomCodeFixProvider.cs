using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Analyzers.Diagnostics;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>
/// Fixes KG0007 on <c>new Random()</c> (or a target-typed <c>new()</c> of <c>Random</c>) by creating
/// <c>new PhiloxRandom(seed: 0UL)</c>, a <c>System.Random</c> with a fixed seed that the user can
/// then choose. <c>Random.Shared</c> and <c>Guid.NewGuid()</c> have no mechanical fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PhiloxRandomCodeFixProvider)), Shared]
public sealed class PhiloxRandomCodeFixProvider : CodeFixProvider
{
    private const string Title = "Use a seeded KernelGen.PhiloxRandom";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnseededRandomness.Id);

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
            if (diagnostic.Properties.ContainsKey(UnseededRandomAnalyzer.CanUsePhiloxProperty)
                && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax creation)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, token => ReplaceAsync(context.Document, creation, token), equivalenceKey: "KG0007.PhiloxRandom"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ArgumentSyntax seed = SyntaxFactory.Argument(
            SyntaxFactory.NameColon("seed"),
            refKindKeyword: default,
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("0UL", 0UL)));
        ObjectCreationExpressionSyntax philox = SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                KernelGenSyntax.Type("PhiloxRandom"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(seed)),
                initializer: null)
            .WithTriviaFrom(creation);
        return document.WithSyntaxRoot(root.ReplaceNode(creation, philox));
    }
}
