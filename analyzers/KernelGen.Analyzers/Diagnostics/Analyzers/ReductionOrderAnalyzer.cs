using System.Collections.Immutable;
using KernelGen.Analyzers.Operations;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0001: a floating-point sum whose shape follows the vector width, the processor count or the
/// batch size — an accumulation in a <c>for</c> loop whose stride or bound depends on one, or a
/// horizontal <c>Vector.Sum</c>/<c>Vector.Dot</c> over <c>Vector&lt;T&gt;</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReductionOrderAnalyzer : KernelGenAnalyzer
{
    private static readonly ImmutableArray<OperationKind> s_kinds =
        Accumulation.Kinds.Add(OperationKind.Invocation);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ReductionOrderDependsOnRuntimeQuantity);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
        => scope.RegisterOperationAction(context, Scopes, static (operationContext, _) => Analyze(operationContext), s_kinds);

    private static void Analyze(OperationAnalysisContext context)
    {
        if (context.Operation is IInvocationOperation invocation)
        {
            AnalyzeHorizontalSum(context, invocation);
        }
        else if (Accumulation.TryGetAccumulator(context.Operation, out IOperation accumulator))
        {
            AnalyzeAccumulation(context, accumulator);
        }
    }

    private static void AnalyzeAccumulation(OperationAnalysisContext context, IOperation accumulator)
    {
        string? hardwareBranch = RuntimeQuantity.FindHardwareBranch(context.Operation);
        for (IOperation? current = context.Operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return;
            }

            if (current is IForLoopOperation loop
                && Accumulation.OutlivesRegion(accumulator, loop.Syntax)
                && TryFindInHeader(loop, hardwareBranch, out RuntimeQuantity.Found found))
            {
                Report(context, context.Operation.Syntax.GetLocation(), found);
                return;
            }
        }
    }

    private static bool TryFindInHeader(IForLoopOperation loop, string? hardwareBranch, out RuntimeQuantity.Found found)
    {
        foreach (IOperation step in loop.AtLoopBottom)
        {
            if (RuntimeQuantity.TryFind(step, RuntimeQuantity.Kinds.MachineOrBatchDependent, hardwareBranch, out found))
            {
                return true;
            }
        }

        found = default;
        return loop.Condition is { } condition
            && RuntimeQuantity.TryFind(condition, RuntimeQuantity.Kinds.MachineDependent, hardwareBranch, out found);
    }

    /// <summary><c>Vector.Sum(v)</c> and <c>Vector.Dot(a, b)</c> add <c>Vector&lt;T&gt;.Count</c> lanes in a tree of that width.</summary>
    private static void AnalyzeHorizontalSum(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("Sum" or "Dot")
            || method.ContainingType is not { Name: "Vector", Arity: 0 } vector
            || !FloatingPoint.IsInNamespace(vector, "System", "Numerics")
            || method.Parameters.Length == 0
            || !FloatingPoint.IsVariableWidthVector(method.Parameters[0].Type)
            || !FloatingPoint.IsFloatingPoint(method.Parameters[0].Type))
        {
            return;
        }

        var found = new RuntimeQuantity.Found(
            method.Parameters[0].Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + ".Count",
            "differs between machines (4 lanes on Arm64 and SSE, 8 on AVX2, 16 with 512-bit vectors)");
        Report(context, invocation.Syntax.GetLocation(), found);
    }

    private static void Report(OperationAnalysisContext context, Location location, RuntimeQuantity.Found found)
        => context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ReductionOrderDependsOnRuntimeQuantity, location, found.Name, found.Reason));
}
