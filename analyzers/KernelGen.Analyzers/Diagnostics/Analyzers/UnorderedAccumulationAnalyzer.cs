using System.Collections.Immutable;
using KernelGen.Analyzers.Operations;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0009: a floating-point accumulation in a <c>foreach</c> over a hash set, a dictionary (or its
/// keys or values) or a concurrent bag, and LINQ <c>Sum</c>/<c>Average</c>/<c>Aggregate</c> over one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnorderedAccumulationAnalyzer : KernelGenAnalyzer
{
    private static readonly ImmutableArray<OperationKind> s_kinds =
        Accumulation.Kinds.Add(OperationKind.Invocation);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnorderedFloatAccumulation);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        var collections = new UnorderedCollections(context.Compilation);
        INamedTypeSymbol? enumerable = context.Compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        scope.RegisterOperationAction(context, Scopes, (operationContext, _) => Analyze(operationContext, collections, enumerable), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, UnorderedCollections collections, INamedTypeSymbol? enumerable)
    {
        if (context.Operation is IInvocationOperation invocation)
        {
            AnalyzeLinq(context, invocation, collections, enumerable);
            return;
        }

        if (!Accumulation.TryGetAccumulator(context.Operation, out IOperation accumulator))
        {
            return;
        }

        for (IOperation? current = context.Operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return;
            }

            if (current is IForEachLoopOperation loop
                && Accumulation.OutlivesRegion(accumulator, loop.Syntax)
                && collections.Describe(loop.Collection) is { } collection)
            {
                Report(context, context.Operation.Syntax.GetLocation(), collection);
                return;
            }
        }
    }

    private static void AnalyzeLinq(
        OperationAnalysisContext context, IInvocationOperation invocation, UnorderedCollections collections, INamedTypeSymbol? enumerable)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is "Sum" or "Average" or "Aggregate"
            && enumerable is not null
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, enumerable)
            && FloatingPoint.IsFloatingPoint(method.ReturnType)
            && invocation.Arguments.Length != 0
            && collections.Describe(invocation.Arguments[0].Value) is { } collection)
        {
            Report(context, invocation.Syntax.GetLocation(), collection);
        }
    }

    private static void Report(OperationAnalysisContext context, Location location, string collection)
        => context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnorderedFloatAccumulation, location, collection));
}
