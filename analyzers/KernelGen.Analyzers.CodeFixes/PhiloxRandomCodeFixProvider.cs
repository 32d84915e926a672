using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using KernelGen.Analyzers.Diagnostics;
using KernelGen.Analyzers.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
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
public sealed class PhiloxRandomCodeFixProvider : ReplacementCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "KG0007.PhiloxRandom";

    private static readonly Action s_action = new("Use a seeded KernelGen.PhiloxRandom", Key);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnseededRandomness.Id);

    private protected override IEnumerable<Action> GetActions(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is BaseObjectCreationExpressionSyntax && diagnostic.Properties.ContainsKey(UnseededRandomAnalyzer.CanUsePhiloxProperty))
        {
            yield return s_action;
        }
    }

    private protected override SyntaxNode? Rewrite(SyntaxNode node, Diagnostic diagnostic, string equivalenceKey)
    {
        ArgumentSyntax seed = SyntaxFactory.Argument(
            SyntaxFactory.NameColon("seed"),
            refKindKeyword: default,
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("0UL", 0UL)));
        return SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                KernelGenSyntax.Type("PhiloxRandom"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(seed)),
                initializer: null)
            .WithTriviaFrom(node);
    }
}
