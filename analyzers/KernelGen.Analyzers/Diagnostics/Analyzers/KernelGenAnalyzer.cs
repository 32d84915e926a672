using KernelGen.Analyzers.Scope;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelGen.Analyzers.Diagnostics.Analyzers;

/// <summary>
/// Base of the KG analyzers: analyzes generated code too (generated layer types are in scope),
/// runs concurrently, and starts a rule only in compilations where its scope can exist.
/// </summary>
public abstract class KernelGenAnalyzer : DiagnosticAnalyzer
{
    private protected KernelGenAnalyzer()
    {
    }

    /// <summary>The scopes the rule applies in.</summary>
    private protected abstract CodeScope Scopes { get; }

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationContext =>
        {
            DeterministicScope scope = DeterministicScope.For(compilationContext.Compilation);
            if (scope.CanContain(Scopes))
            {
                OnCompilationStart(compilationContext, scope);
            }
        });
    }

    /// <summary>Resolves the rule's symbols and registers its actions through <paramref name="scope"/>.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, DeterministicScope scope);
}
