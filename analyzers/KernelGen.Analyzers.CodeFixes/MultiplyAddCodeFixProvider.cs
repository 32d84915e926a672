using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>
/// Fixes KG0005 by saying which rounding a multiply-add means: <c>DetMath.Fma(a, b, c)</c> (one
/// rounding) or <c>DetMath.MulAdd(a, b, c)</c> (two roundings). Each is offered when <c>DetMath</c>
/// has an overload for the operands' type. <c>c - a * b</c> becomes <c>Fma(-a, b, c)</c> and
/// <c>a * b - c</c> becomes <c>Fma(a, b, -c)</c>: negation is exact, so the value is unchanged.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MultiplyAddCodeFixProvider)), Shared]
public sealed class MultiplyAddCodeFixProvider : CodeFixProvider
{
    private static readonly string[] s_methods = ["Fma", "MulAdd"];

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContractibleMultiplyAdd.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
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
            if (!MultiplyAdd.TryParse(node, out MultiplyAdd multiplyAdd)
                || model.GetTypeInfo(multiplyAdd.Product, context.CancellationToken).Type is not { } type)
            {
                continue;
            }

            foreach (string method in s_methods)
            {
                if (HasOverload(model.Compilation, method, type))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            method == "Fma" ? "Use DetMath.Fma (fused, one rounding)" : "Use DetMath.MulAdd (two roundings, never fused)",
                            token => ReplaceAsync(context.Document, multiplyAdd, method, token),
                            equivalenceKey: "KG0005." + method),
                        diagnostic);
                }
            }
        }
    }

    private static bool HasOverload(Compilation compilation, string name, ITypeSymbol type)
        => compilation.GetTypeByMetadataName("KernelGen.DetMath") is { } detMath
            && detMath.GetMembers(name).OfType<IMethodSymbol>().Any(method =>
                method.IsStatic
                && method.Parameters.Length == 3
                && method.Parameters.All(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, type)));

    private static async Task<Document> ReplaceAsync(Document document, MultiplyAdd multiplyAdd, string method, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ExpressionSyntax call = SyntaxFactory.InvocationExpression(
            KernelGenSyntax.DetMathMethod(method),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(multiplyAdd.Left),
                SyntaxFactory.Argument(multiplyAdd.Right),
                SyntaxFactory.Argument(multiplyAdd.Addend),
            })));

        SyntaxNode replacement = multiplyAdd.Node is AssignmentExpressionSyntax assignment
            ? SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, assignment.Left.WithoutTrivia(), call)
            : call;
        replacement = replacement.WithTriviaFrom(multiplyAdd.Node).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(multiplyAdd.Node, replacement));
    }
}
