using System.Collections.Immutable;
using KernelGen.Analyzers.Operations;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0005: <c>a * b + c</c>, <c>c - a * b</c> and <c>acc += a * b</c> on <see cref="float"/> or
/// <see cref="double"/> inside an ILGPU kernel, which ptxas may contract into one fused multiply-add.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelMultiplyAddAnalyzer : KernelGenAnalyzer
{
    private static readonly ImmutableArray<OperationKind> s_kinds =
        ImmutableArray.Create(OperationKind.Binary, OperationKind.CompoundAssignment);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContractibleMultiplyAdd);

    private protected override CodeScope Scopes => CodeScope.Kernel;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
        => scope.RegisterOperationAction(context, Scopes, static (operationContext, _) => Analyze(operationContext), s_kinds);

    private static void Analyze(OperationAnalysisContext context)
    {
        bool isMultiplyAdd = context.Operation switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } sum
                => IsProduct(sum.LeftOperand, sum.Type) || IsProduct(sum.RightOperand, sum.Type),
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound
                => IsProduct(compound.Value, compound.Target.Type),
            _ => false,
        };

        if (isMultiplyAdd)
        {
            ITypeSymbol type = context.Operation is ICompoundAssignmentOperation assignment ? assignment.Target.Type! : context.Operation.Type!;
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ContractibleMultiplyAdd,
                context.Operation.Syntax.GetLocation(),
                type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }
    }

    /// <summary>A multiplication of the sum's own scalar type, so that nothing rounds between the product and the add.</summary>
    private static bool IsProduct(IOperation operand, ITypeSymbol? sumType)
        => FloatingPoint.IsScalar(sumType)
            && operand is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } product
            && SymbolEqualityComparer.Default.Equals(product.Type, sumType);
}
