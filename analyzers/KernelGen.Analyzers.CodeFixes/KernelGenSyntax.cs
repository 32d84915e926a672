using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>Syntax the code fixes insert, annotated so that the workspace adds <c>using KernelGen;</c> and shortens names.</summary>
internal static class KernelGenSyntax
{
    /// <summary><c>KernelGen.<paramref name="typeName"/></c>, written as short as the file's usings allow.</summary>
    public static TypeSyntax Type(string typeName)
        => SyntaxFactory.ParseTypeName("global::KernelGen." + typeName)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary><c>DetMath.<paramref name="methodName"/></c>, as a member access ready to be invoked.</summary>
    public static MemberAccessExpressionSyntax DetMathMethod(string methodName)
        => SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            Type("DetMath"),
            SyntaxFactory.IdentifierName(methodName));
}
