using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using KernelGen.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
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
public sealed class MultiplyAddCodeFixProvider : ReplacementCodeFixProvider
{
    /// <summary>The equivalence key of the fused fix.</summary>
    public const string FmaKey = "KG0005.Fma";

    /// <summary>The equivalence key of the two-rounding fix.</summary>
    public const string MulAddKey = "KG0005.MulAdd";

    private static readonly Action s_fma = new("Use DetMath.Fma (fused, one rounding)", FmaKey);
    private static readonly Action s_mulAdd = new("Use DetMath.MulAdd (two roundings, never fused)", MulAddKey);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContractibleMultiplyAdd.Id);

    private protected override IEnumerable<Action> GetActions(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!MultiplyAdd.TryParse(node, out MultiplyAdd multiplyAdd)
            || model.GetTypeInfo(multiplyAdd.Product, cancellationToken).Type is not { } type
            || model.Compilation.GetTypeByMetadataName("KernelGen.DetMath") is not { } detMath)
        {
            yield break;
        }

        if (HasOverload(detMath, "Fma", type))
        {
            yield return s_fma;
        }

        if (HasOverload(detMath, "MulAdd", type))
        {
            yield return s_mulAdd;
        }
    }

    private protected override SyntaxNode? Rewrite(SyntaxNode node, Diagnostic diagnostic, string equivalenceKey)
    {
        if (!MultiplyAdd.TryParse(node, out MultiplyAdd multiplyAdd))
        {
            return null;
        }

        ExpressionSyntax call = SyntaxFactory.InvocationExpression(
            KernelGenSyntax.DetMathMethod(equivalenceKey == FmaKey ? "Fma" : "MulAdd"),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(multiplyAdd.Left),
                SyntaxFactory.Argument(multiplyAdd.Right),
                SyntaxFactory.Argument(multiplyAdd.Addend),
            })));

        SyntaxNode replacement = node is AssignmentExpressionSyntax assignment
            ? SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, assignment.Left.WithoutTrivia(), call)
            : call;
        return replacement.WithTriviaFrom(node).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static bool HasOverload(INamedTypeSymbol detMath, string name, ITypeSymbol type)
        => detMath.GetMembers(name).OfType<IMethodSymbol>().Any(method =>
            method.IsStatic
            && method.Parameters.Length == 3
            && method.Parameters.All(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, type)));
}
