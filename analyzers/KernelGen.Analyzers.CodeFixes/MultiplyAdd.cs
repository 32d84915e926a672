using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Analyzers.CodeFixes;

/// <summary>
/// A multiply-add flagged by KG0005, taken apart as <c>Left * Right + Addend</c> with the signs
/// folded into the operands, ready to become <c>DetMath.Fma(Left, Right, Addend)</c>.
/// </summary>
internal readonly struct MultiplyAdd
{
    private MultiplyAdd(SyntaxNode node, BinaryExpressionSyntax product, ExpressionSyntax left, ExpressionSyntax right, ExpressionSyntax addend)
    {
        Node = node;
        Product = product;
        Left = Unparenthesize(left).WithoutTrivia();
        Right = Unparenthesize(right).WithoutTrivia();
        Addend = Unparenthesize(addend).WithoutTrivia();
    }

    /// <summary>The whole expression to replace: a binary <c>+</c>/<c>-</c> or a <c>+=</c>/<c>-=</c> assignment.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The multiplication inside <see cref="Node"/>.</summary>
    public BinaryExpressionSyntax Product { get; }

    /// <summary>The first factor, negated when the product is subtracted.</summary>
    public ExpressionSyntax Left { get; }

    /// <summary>The second factor.</summary>
    public ExpressionSyntax Right { get; }

    /// <summary>The addend, negated when it is subtracted.</summary>
    public ExpressionSyntax Addend { get; }

    /// <summary>Takes apart <c>a * b ± c</c>, <c>c ± a * b</c> or <c>c ±= a * b</c>.</summary>
    public static bool TryParse(SyntaxNode node, out MultiplyAdd multiplyAdd)
    {
        switch (node)
        {
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression or (int)SyntaxKind.SubtractExpression } sum:
                bool subtract = sum.IsKind(SyntaxKind.SubtractExpression);
                if (AsProduct(sum.Left) is { } first)
                {
                    ExpressionSyntax addend = subtract ? Negate(sum.Right) : sum.Right;
                    multiplyAdd = new MultiplyAdd(node, first, first.Left, first.Right, addend);
                    return true;
                }

                if (AsProduct(sum.Right) is { } second)
                {
                    ExpressionSyntax left = subtract ? Negate(second.Left) : second.Left;
                    multiplyAdd = new MultiplyAdd(node, second, left, second.Right, sum.Left);
                    return true;
                }

                break;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SubtractAssignmentExpression } assignment
                when AsProduct(assignment.Right) is { } product:
                ExpressionSyntax factor = assignment.IsKind(SyntaxKind.SubtractAssignmentExpression) ? Negate(product.Left) : product.Left;
                multiplyAdd = new MultiplyAdd(node, product, factor, product.Right, assignment.Left.WithoutTrivia());
                return true;
        }

        multiplyAdd = default;
        return false;
    }

    private static BinaryExpressionSyntax? AsProduct(ExpressionSyntax expression)
        => Unparenthesize(expression) is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression } product ? product : null;

    /// <summary>An argument needs no parentheses: <c>(c + 1f)</c> is passed as <c>c + 1f</c>.</summary>
    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary><c>-x</c>, parenthesizing <paramref name="expression"/> unless it is a primary expression; <c>-(-x)</c> becomes <c>x</c>.</summary>
    private static ExpressionSyntax Negate(ExpressionSyntax expression)
    {
        expression = Unparenthesize(expression).WithoutTrivia();
        if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } negation)
        {
            return negation.Operand;
        }

        ExpressionSyntax operand = expression is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax
            or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);
        return SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, operand);
    }
}
