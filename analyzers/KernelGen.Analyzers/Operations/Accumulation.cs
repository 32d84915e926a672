using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Operations;

/// <summary>
/// Recognizes a floating-point accumulation, <c>acc += x</c>, <c>acc -= x</c>, <c>acc *= x</c> or
/// <c>acc = acc + x</c>, and tells whether its accumulator outlives a region of code.
/// </summary>
internal static class Accumulation
{
    /// <summary>The operation kinds <see cref="TryGetAccumulator"/> recognizes.</summary>
    public static readonly ImmutableArray<OperationKind> Kinds =
        ImmutableArray.Create(OperationKind.CompoundAssignment, OperationKind.SimpleAssignment);

    /// <summary>Whether <paramref name="operation"/> accumulates a floating-point value into <paramref name="accumulator"/>.</summary>
    public static bool TryGetAccumulator(IOperation operation, out IOperation accumulator)
    {
        switch (operation)
        {
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply } compound
                when FloatingPoint.IsFloatingPoint(compound.Target.Type):
                accumulator = compound.Target;
                return true;
            case ISimpleAssignmentOperation { Value: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply } sum } assignment
                when FloatingPoint.IsFloatingPoint(assignment.Target.Type)
                    && (IsSameReference(assignment.Target, sum.LeftOperand) || IsSameReference(assignment.Target, sum.RightOperand)):
                accumulator = assignment.Target;
                return true;
            default:
                accumulator = operation;
                return false;
        }
    }

    /// <summary>
    /// Whether the storage <paramref name="reference"/> names lives outside <paramref name="region"/>
    /// (a loop or a lambda), so that every pass through the region adds into the same value.
    /// </summary>
    public static bool OutlivesRegion(IOperation reference, SyntaxNode region)
    {
        switch (reference)
        {
            case ILocalReferenceOperation local:
                return IsDeclaredOutside(local.Local, region);
            case IParameterReferenceOperation parameter:
                return IsDeclaredOutside(parameter.Parameter, region);
            case IArrayElementReferenceOperation element:
                return OutlivesRegion(element.ArrayReference, region);
            case IFieldReferenceOperation or IPropertyReferenceOperation or IInstanceReferenceOperation:
                return true;
            default:
                return !region.Span.Contains(reference.Syntax.Span);
        }
    }

    /// <summary>Whether <paramref name="operand"/> reads the storage that <paramref name="target"/> writes.</summary>
    private static bool IsSameReference(IOperation target, IOperation operand)
    {
        operand = Unwrap(operand);
        return (target, operand) switch
        {
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
            (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
            (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field),
            (IArrayElementReferenceOperation a, IArrayElementReferenceOperation b) => a.Syntax.IsEquivalentTo(b.Syntax),
            _ => false,
        };
    }

    /// <summary>Strips the implicit conversions the compiler inserts around an operand.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool IsDeclaredOutside(ISymbol symbol, SyntaxNode region)
    {
        foreach (SyntaxReference declaration in symbol.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree == region.SyntaxTree && region.Span.Contains(declaration.Span))
            {
                return false;
            }
        }

        return true;
    }
}
