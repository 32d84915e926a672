using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>
/// Base of the KG code fixes, each of which replaces the flagged expression with another. Fix All
/// replaces every flagged expression of a document in one pass (nested ones included, innermost
/// first) and then adds <c>using KernelGen;</c> once, so it converges in a single iteration.
/// </summary>
public abstract class ReplacementCodeFixProvider : CodeFixProvider
{
    private protected ReplacementCodeFixProvider()
    {
    }

    /// <summary>A code action a diagnostic offers: its title and its equivalence key.</summary>
    private protected readonly struct Action
    {
        public Action(string title, string equivalenceKey)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
        }

        public string Title { get; }

        public string EquivalenceKey { get; }
    }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (Action action in GetActions(node, diagnostic, model, context.CancellationToken))
            {
                string key = action.EquivalenceKey;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        action.Title,
                        token => ReplaceAsync(context.Document, new Dictionary<SyntaxNode, Diagnostic> { [node] = diagnostic }, key, token),
                        key),
                    diagnostic);
            }
        }
    }

    /// <summary>The actions that fix <paramref name="diagnostic"/>, reported on <paramref name="node"/>; none if it cannot be fixed.</summary>
    private protected abstract IEnumerable<Action> GetActions(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken);

    /// <summary>
    /// The replacement of <paramref name="node"/> (the flagged node, with any flagged nodes inside it
    /// already replaced) for the action <paramref name="equivalenceKey"/>, or <see langword="null"/> to keep it.
    /// </summary>
    private protected abstract SyntaxNode? Rewrite(SyntaxNode node, Diagnostic diagnostic, string equivalenceKey);

    private async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || context.CodeActionEquivalenceKey is not { } key)
        {
            return null;
        }

        var nodes = new Dictionary<SyntaxNode, Diagnostic>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (Action action in GetActions(node, diagnostic, model, context.CancellationToken))
            {
                if (action.EquivalenceKey == key)
                {
                    nodes[node] = diagnostic;
                }
            }
        }

        return await ReplaceAsync(document, nodes, key, context.CancellationToken).ConfigureAwait(false);
    }

    private async Task<Document> ReplaceAsync(
        Document document, Dictionary<SyntaxNode, Diagnostic> nodes, string key, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SyntaxNode newRoot = root.ReplaceNodes(
            nodes.Keys,
            (original, rewritten) => Rewrite(rewritten, nodes[original], key) ?? rewritten);
        Document replaced = document.WithSyntaxRoot(newRoot);
        return await ImportAdder.AddImportsAsync(replaced, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
