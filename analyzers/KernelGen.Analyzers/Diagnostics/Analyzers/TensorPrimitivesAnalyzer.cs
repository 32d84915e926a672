using System.Collections.Immutable;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0002: <c>System.Numerics.Tensors.TensorPrimitives</c> reductions, whose order follows the
/// machine's vector width, and its span transcendentals, whose results change with the span's length.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TensorPrimitivesAnalyzer : KernelGenAnalyzer
{
    private const string ReductionReason = "adds in an order that follows the machine's vector width (Vector512, Vector256, Vector128 or scalar code)";
    private const string TranscendentalReason = "computes different bits for different span lengths and vector widths";

    private static readonly ImmutableHashSet<string> s_reductions = ImmutableHashSet.Create(
        "Sum", "SumOfSquares", "SumOfMagnitudes", "Dot", "Norm", "Average", "CosineSimilarity", "Distance",
        "Product", "ProductOfSums", "ProductOfDifferences");

    private static readonly ImmutableHashSet<string> s_transcendentals = ImmutableHashSet.Create(
        "Exp", "Exp2", "Exp10", "ExpM1", "Exp2M1", "Exp10M1", "Log", "Log2", "Log10", "LogP1", "Log2P1", "Log10P1",
        "Tanh", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Sigmoid", "SoftMax", "Pow", "Cbrt", "Hypot", "RootN",
        "Sin", "Cos", "Tan", "SinCos", "Asin", "Acos", "Atan", "Atan2", "SinPi", "CosPi", "TanPi", "SinCosPi",
        "AsinPi", "AcosPi", "AtanPi", "Atan2Pi", "ReciprocalEstimate", "ReciprocalSqrtEstimate");

    private static readonly ImmutableArray<OperationKind> s_kinds = ImmutableArray.Create(OperationKind.Invocation);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TensorPrimitivesIsWidthDependent);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        if (context.Compilation.GetTypeByMetadataName("System.Numerics.Tensors.TensorPrimitives") is not { } tensorPrimitives)
        {
            return;
        }

        scope.RegisterOperationAction(context, Scopes, (operationContext, _) => Analyze(operationContext, tensorPrimitives), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol tensorPrimitives)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, tensorPrimitives))
        {
            return;
        }

        string? reason = s_reductions.Contains(method.Name) ? ReductionReason
            : s_transcendentals.Contains(method.Name) ? TranscendentalReason
            : null;
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.TensorPrimitivesIsWidthDependent, invocation.Syntax.GetLocation(), method.Name, reason));
        }
    }
}
