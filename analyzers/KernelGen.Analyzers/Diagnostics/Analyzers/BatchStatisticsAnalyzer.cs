using System.Collections.Immutable;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0008: a call to a method or property marked <c>[KernelGen.BatchStatistics]</c> (training-mode
/// normalization, per-batch mean and variance) from code marked <c>[KernelGen.Inference]</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BatchStatisticsAnalyzer : KernelGenAnalyzer
{
    private static readonly ImmutableArray<OperationKind> s_kinds =
        ImmutableArray.Create(OperationKind.Invocation, OperationKind.MethodReference, OperationKind.PropertyReference);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BatchStatisticsInInference);

    private protected override CodeScope Scopes => CodeScope.Inference;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        if (context.Compilation.GetTypeByMetadataName("KernelGen.BatchStatisticsAttribute") is not { } batchStatistics)
        {
            return;
        }

        scope.RegisterOperationAction(
            context, Scopes, (operationContext, block) => Analyze(operationContext, block, batchStatistics), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, ScopedBlock block, INamedTypeSymbol batchStatistics)
    {
        ISymbol? target = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        if (target is not null && HasAttribute(target.OriginalDefinition, batchStatistics))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BatchStatisticsInInference,
                context.Operation.Syntax.GetLocation(),
                target.ContainingType.Name + "." + target.Name,
                block.Owner.ContainingType is { } owner ? owner.Name + "." + block.Owner.Name : block.Owner.Name));
        }
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
