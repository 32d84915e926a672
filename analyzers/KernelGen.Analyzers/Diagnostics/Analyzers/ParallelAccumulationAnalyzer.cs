using System.Collections.Immutable;
using KernelGen.Analyzers.Operations;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0003: floating-point values combined in an order set by the thread schedule — a shared
/// accumulator in the body of <c>Parallel.For</c>/<c>ForEach</c>, <c>Task.Run</c> and similar fan-out,
/// <c>Parallel.For&lt;TLocal&gt;</c> with a floating-point local, PLINQ <c>Sum</c>/<c>Average</c>/<c>Aggregate</c>,
/// and <c>Task.WhenAny</c>/<c>WhenEach</c> over floating-point results.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelAccumulationAnalyzer : KernelGenAnalyzer
{
    private static readonly ImmutableArray<OperationKind> s_kinds =
        Accumulation.Kinds.Add(OperationKind.Invocation);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ParallelFloatAccumulation);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        var fanOut = new FanOutMethods(context.Compilation);
        scope.RegisterOperationAction(context, Scopes, (operationContext, _) => Analyze(operationContext, fanOut), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, FanOutMethods fanOut)
    {
        if (context.Operation is IInvocationOperation invocation)
        {
            if (fanOut.DescribeCombination(invocation.TargetMethod) is { } description)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ParallelFloatAccumulation, InvocationSyntax.GetNameLocation(invocation), description));
            }
        }
        else if (Accumulation.TryGetAccumulator(context.Operation, out IOperation accumulator))
        {
            AnalyzeSharedAccumulator(context, accumulator, fanOut);
        }
    }

    private static void AnalyzeSharedAccumulator(OperationAnalysisContext context, IOperation accumulator, FanOutMethods fanOut)
    {
        for (IOperation? current = context.Operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation body
                && Accumulation.OutlivesRegion(accumulator, body.Syntax)
                && !IsSlotOfIteration(accumulator, body)
                && fanOut.FindFanOut(body) is { } fanOutName)
            {
                string description = $"'{AccumulatorName(accumulator)}' is added to by every {fanOutName}";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ParallelFloatAccumulation, context.Operation.Syntax.GetLocation(), description));
                return;
            }
        }
    }

    /// <summary><c>partial[i] += x</c> indexed by the body's own parameter: each iteration owns its slot.</summary>
    private static bool IsSlotOfIteration(IOperation accumulator, IAnonymousFunctionOperation body)
    {
        if (accumulator is not IArrayElementReferenceOperation element)
        {
            return false;
        }

        foreach (IOperation index in element.Indices)
        {
            foreach (IOperation part in index.DescendantsAndSelf())
            {
                if (part is IParameterReferenceOperation parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, body.Symbol))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string AccumulatorName(IOperation accumulator) => accumulator switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        _ => accumulator.Syntax.ToString(),
    };
}
