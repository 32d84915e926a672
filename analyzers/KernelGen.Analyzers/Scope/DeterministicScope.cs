using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelGen.Analyzers.Scope;

/// <summary>
/// Decides, once per compilation and member, whether KG rules apply to a member's code. One
/// instance per compilation is shared by every KG analyzer.
/// </summary>
internal sealed class DeterministicScope
{
    private static readonly ConditionalWeakTable<Compilation, DeterministicScope> s_scopes = new();

    private static readonly string[] s_indexTypeNames =
    [
        "ILGPU.Index1D", "ILGPU.Index2D", "ILGPU.Index3D",
        "ILGPU.LongIndex1D", "ILGPU.LongIndex2D", "ILGPU.LongIndex3D",
    ];

    private readonly INamedTypeSymbol? _deterministicAttribute;
    private readonly INamedTypeSymbol? _layerAttribute;
    private readonly INamedTypeSymbol? _inferenceAttribute;
    private readonly ImmutableArray<INamedTypeSymbol> _indexTypes;
    private readonly bool _assemblyIsDeterministic;
    private readonly Lazy<KernelLoadSites>? _kernelLoadSites;
    private readonly ConcurrentDictionary<INamedTypeSymbol, CodeScope> _typeScopes = new(SymbolEqualityComparer.Default);

    private DeterministicScope(Compilation compilation)
    {
        _deterministicAttribute = compilation.GetTypeByMetadataName("KernelGen.DeterministicAttribute");
        _layerAttribute = compilation.GetTypeByMetadataName("KernelGen.LayerAttribute");
        _inferenceAttribute = compilation.GetTypeByMetadataName("KernelGen.InferenceAttribute");

        ImmutableArray<INamedTypeSymbol>.Builder indexTypes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (string name in s_indexTypeNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                indexTypes.Add(type);
            }
        }

        _indexTypes = indexTypes.ToImmutable();
        _assemblyIsDeterministic = HasAttribute(compilation.Assembly, _deterministicAttribute);
        if (compilation.GetTypeByMetadataName("ILGPU.Runtime.Accelerator") is not null)
        {
            _kernelLoadSites = new Lazy<KernelLoadSites>(() => KernelLoadSites.Collect(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>The scope of <paramref name="compilation"/>, created on first use and shared by all KG analyzers.</summary>
    public static DeterministicScope For(Compilation compilation)
        => s_scopes.GetValue(compilation, static c => new DeterministicScope(c));

    /// <summary>Whether any member of the compilation can be in one of the <paramref name="scopes"/>.</summary>
    public bool CanContain(CodeScope scopes)
    {
        bool deterministic = _deterministicAttribute is not null || _layerAttribute is not null;
        bool kernel = _indexTypes.Length != 0 || _kernelLoadSites is not null;
        bool inference = _inferenceAttribute is not null;
        return ((scopes & CodeScope.Deterministic) != 0 && deterministic)
            || ((scopes & CodeScope.Kernel) != 0 && kernel)
            || ((scopes & CodeScope.Inference) != 0 && inference);
    }

    /// <summary>
    /// Registers <paramref name="action"/> for the operations of <paramref name="kinds"/> in every
    /// operation block whose owner is in one of <paramref name="scopes"/>. The scope is decided once
    /// per block, so code outside the scope costs one check per member.
    /// </summary>
    public void RegisterOperationAction(
        CompilationStartAnalysisContext context,
        CodeScope scopes,
        Action<OperationAnalysisContext, ScopedBlock> action,
        ImmutableArray<OperationKind> kinds)
    {
        context.RegisterOperationBlockStartAction(blockContext =>
        {
            CodeScope scope = Classify(blockContext.OwningSymbol) & scopes;
            if (scope != CodeScope.None)
            {
                var block = new ScopedBlock(scope, blockContext.OwningSymbol);
                blockContext.RegisterOperationAction(operationContext => action(operationContext, block), kinds);
            }
        });
    }

    /// <summary>The scopes <paramref name="member"/>'s code belongs to.</summary>
    public CodeScope Classify(ISymbol member)
    {
        CodeScope scope = _assemblyIsDeterministic ? CodeScope.Deterministic : CodeScope.None;
        scope |= OwnScope(member);
        if (member is IMethodSymbol { AssociatedSymbol: { } property })
        {
            scope |= OwnScope(property);
        }

        if (member.ContainingType is { } type)
        {
            scope |= TypeScope(type);
        }

        if (member is IMethodSymbol method && IsKernel(method))
        {
            scope |= CodeScope.Kernel;
        }

        return scope;
    }

    private CodeScope OwnScope(ISymbol symbol)
    {
        CodeScope scope = CodeScope.None;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            INamedTypeSymbol? attributeType = attribute.AttributeClass;
            if (Is(attributeType, _deterministicAttribute))
            {
                scope |= CodeScope.Deterministic;
            }
            else if (Is(attributeType, _inferenceAttribute))
            {
                scope |= CodeScope.Inference;
            }
            else if (_layerAttribute is not null && symbol is INamedTypeSymbol && DerivesFrom(attributeType, _layerAttribute))
            {
                scope |= CodeScope.Deterministic;
            }
        }

        return scope;
    }

    private CodeScope TypeScope(INamedTypeSymbol type)
    {
        if (_typeScopes.TryGetValue(type, out CodeScope cached))
        {
            return cached;
        }

        CodeScope scope = OwnScope(type);
        if (type.ContainingType is { } outer)
        {
            scope |= TypeScope(outer);
        }

        return _typeScopes.GetOrAdd(type, scope);
    }

    private bool IsKernel(IMethodSymbol method)
    {
        if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        if (method.Parameters.Length != 0 && method.Parameters[0].Type is INamedTypeSymbol first)
        {
            foreach (INamedTypeSymbol indexType in _indexTypes)
            {
                if (SymbolEqualityComparer.Default.Equals(first, indexType))
                {
                    return true;
                }
            }
        }

        return _kernelLoadSites is not null && _kernelLoadSites.Value.Contains(method);
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (INamedTypeSymbol? current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
