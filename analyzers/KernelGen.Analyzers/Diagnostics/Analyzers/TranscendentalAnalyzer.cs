using System;
using System.Collections.Immutable;
using KernelGen.Analyzers.Operations;
using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// KG0006: transcendental functions of <c>Math</c>, <c>MathF</c>, <c>float</c>/<c>double</c>/<c>Half</c>
/// (generic math), ILGPU's <c>XMath</c>, and every <c>*Estimate</c> or hardware reciprocal API.
/// When <c>KernelGen.DetMath</c> has a method of the same name and parameter types, the diagnostic
/// carries its name in <see cref="DetMathMethodProperty"/> for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TranscendentalAnalyzer : KernelGenAnalyzer
{
    /// <summary>The diagnostic property naming the <c>KernelGen.DetMath</c> method that replaces the call.</summary>
    public const string DetMathMethodProperty = "DetMathMethod";

    private const string RuntimeReason = "it calls the C runtime, whose results differ between operating systems and processors";
    private const string XMathReason = "on CUDA it compiles to approximate PTX instructions, on the CPU to different code";
    private const string EstimateReason = "the precision of an estimate is implementation-defined and differs between processors";

    private static readonly ImmutableHashSet<string> s_transcendentals = ImmutableHashSet.Create(
        "Exp", "Exp2", "Exp10", "ExpM1", "Exp2M1", "Exp10M1", "Log", "Log2", "Log10", "LogP1", "Log2P1", "Log10P1",
        "Pow", "Cbrt", "Hypot", "RootN", "Tanh", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
        "Sin", "Cos", "Tan", "SinCos", "Asin", "Acos", "Atan", "Atan2", "SinPi", "CosPi", "TanPi", "SinCosPi",
        "AsinPi", "AcosPi", "AtanPi", "Atan2Pi");

    private static readonly ImmutableHashSet<string> s_approximateXMath = s_transcendentals.Union(
        ["Rsqrt", "Rcp", "Sigmoid", "Erf"]);

    private static readonly ImmutableArray<OperationKind> s_kinds = ImmutableArray.Create(OperationKind.Invocation);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.PlatformTranscendental);

    private protected override CodeScope Scopes => CodeScope.Reproducible;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope)
    {
        INamedTypeSymbol? detMath = context.Compilation.GetTypeByMetadataName("KernelGen.DetMath");
        scope.RegisterOperationAction(context, Scopes, (operationContext, _) => Analyze(operationContext, detMath), s_kinds);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? detMath)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (Classify(method) is not { } reason)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        if (FindReplacement(detMath, method) is { } replacement)
        {
            properties = properties.Add(DetMathMethodProperty, replacement.Name);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.PlatformTranscendental,
            invocation.Syntax.GetLocation(),
            properties,
            method.ContainingType.Name + "." + method.Name,
            reason));
    }

    /// <summary>Why <paramref name="method"/> gives platform-dependent bits, or <see langword="null"/> if it does not.</summary>
    private static string? Classify(IMethodSymbol method)
    {
        if (!method.IsStatic || method.ContainingType is not { } type)
        {
            return null;
        }

        if (method.Name.EndsWith("Estimate", StringComparison.Ordinal) && IsSystemType(type))
        {
            return EstimateReason;
        }

        if (type.ContainingNamespace is { Name: "X86" or "Arm" } ns
            && FloatingPoint.IsInNamespace(ns, "System", "Runtime", "Intrinsics")
            && method.Name.StartsWith("Reciprocal", StringComparison.Ordinal))
        {
            return EstimateReason;
        }

        if (type.Name == "XMath" && type.ContainingNamespace?.ToDisplayString().StartsWith("ILGPU", StringComparison.Ordinal) == true)
        {
            return s_approximateXMath.Contains(method.Name) ? XMathReason : null;
        }

        bool isRuntimeMath = type.SpecialType is SpecialType.System_Single or SpecialType.System_Double
            || (type.Name is "Math" or "MathF" or "Half" && FloatingPoint.IsInNamespace(type, "System"));
        return isRuntimeMath && s_transcendentals.Contains(method.Name) ? RuntimeReason : null;
    }

    private static bool IsSystemType(INamedTypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns?.Name == "System";
    }

    /// <summary>The <c>DetMath</c> method with the same parameter types, named as <paramref name="method"/> or its <c>DetMath</c> spelling.</summary>
    private static IMethodSymbol? FindReplacement(INamedTypeSymbol? detMath, IMethodSymbol method)
    {
        if (detMath is null)
        {
            return null;
        }

        string name = method.Name is "ReciprocalSqrtEstimate" ? "Rsqrt" : method.Name;
        foreach (ISymbol member in detMath.GetMembers(name))
        {
            if (member is IMethodSymbol { IsStatic: true, DeclaredAccessibility: Accessibility.Public } candidate
                && HaveSameParameterTypes(candidate, method))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool HaveSameParameterTypes(IMethodSymbol a, IMethodSymbol b)
    {
        if (a.Parameters.Length != b.Parameters.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(a.Parameters[i].Type, b.Parameters[i].Type)
                || a.Parameters[i].RefKind != b.Parameters[i].RefKind)
            {
                return false;
            }
        }

        return true;
    }
}
