using System.Collections.Immutable;
using KernelGen.Analyzers.Operations;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0004: floating-point atomics — <c>Interlocked.CompareExchange</c> on a float or double (the
/// core of a CAS-loop sum) and ILGPU's <c>Atomic.Add</c>/<c>Atomic.CompareExchange</c> on one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloatingPointAtomicAnalyzer : KernelGenAnalyzer
{
    private static readonly ImmutableArray<OperationKind> s_kinds = ImmutableArray.Create(OperationKind.Invocation);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FloatingPointAtomic);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        INamedTypeSymbol? interlocked = context.Compilation.GetTypeByMetadataName("System.Threading.Interlocked");
        INamedTypeSymbol? ilgpuAtomic = context.Compilation.GetTypeByMetadataName("ILGPU.Atomic");
        if (interlocked is null && ilgpuAtomic is null)
        {
            return;
        }

        scope.RegisterOperationAction(context, Scopes, (operationContext, _) => Analyze(operationContext, interlocked, ilgpuAtomic), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? interlocked, INamedTypeSymbol? ilgpuAtomic)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Parameters.Length == 0 || !FloatingPoint.IsScalar(method.Parameters[0].Type))
        {
            return;
        }

        bool isAtomicSum =
            (method.Name == "CompareExchange" && (Is(method.ContainingType, interlocked) || Is(method.ContainingType, ilgpuAtomic)))
            || (method.Name == "Add" && Is(method.ContainingType, ilgpuAtomic));
        if (isAtomicSum)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.FloatingPointAtomic,
                invocation.Syntax.GetLocation(),
                method.ContainingType.Name + "." + method.Name,
                method.Parameters[0].Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }
    }

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
