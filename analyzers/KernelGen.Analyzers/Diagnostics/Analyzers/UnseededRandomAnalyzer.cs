using System.Collections.Immutable;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0007: randomness seeded by the operating system — <c>new Random()</c>, <c>Random.Shared</c> and
/// <c>Guid.NewGuid()</c>. Only <c>new Random()</c> carries a mechanical fix (a seeded
/// <c>KernelGen.PhiloxRandom</c>), announced by <see cref="CanUsePhiloxProperty"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnseededRandomAnalyzer : KernelGenAnalyzer
{
    /// <summary>Set on diagnostics whose expression the code fix can replace with <c>new KernelGen.PhiloxRandom(seed: 0UL)</c>.</summary>
    public const string CanUsePhiloxProperty = "CanUsePhilox";

    private static readonly ImmutableArray<OperationKind> s_kinds =
        ImmutableArray.Create(OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.Invocation);

    private static readonly ImmutableDictionary<string, string?> s_philoxFixable =
        ImmutableDictionary<string, string?>.Empty.Add(CanUsePhiloxProperty, "true");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnseededRandomness);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        INamedTypeSymbol? random = context.Compilation.GetTypeByMetadataName("System.Random");
        INamedTypeSymbol? guid = context.Compilation.GetTypeByMetadataName("System.Guid");
        bool hasPhilox = context.Compilation.GetTypeByMetadataName("KernelGen.PhiloxRandom") is not null;
        scope.RegisterOperationAction(context, Scopes, (operationContext, _) => Analyze(operationContext, random, guid, hasPhilox), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? random, INamedTypeSymbol? guid, bool hasPhilox)
    {
        switch (context.Operation)
        {
            case IObjectCreationOperation { Arguments.Length: 0 } creation when Is(creation.Type, random):
                Report(context, "new Random()", hasPhilox ? s_philoxFixable : null);
                break;
            case IPropertyReferenceOperation { Property: { Name: "Shared", IsStatic: true } property } when Is(property.ContainingType, random):
                Report(context, "Random.Shared", null);
                break;
            case IInvocationOperation { TargetMethod: { Name: "NewGuid", IsStatic: true } method } when Is(method.ContainingType, guid):
                Report(context, "Guid.NewGuid()", null);
                break;
        }
    }

    private static void Report(OperationAnalysisContext context, string what, ImmutableDictionary<string, string?>? properties)
        => context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnseededRandomness, context.Operation.Syntax.GetLocation(), properties, what));

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
