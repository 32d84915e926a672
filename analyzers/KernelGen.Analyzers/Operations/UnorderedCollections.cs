using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Operations;

/// <summary>The collection types whose enumeration order is unspecified, resolved once per compilation.</summary>
internal sealed class UnorderedCollections
{
    private static readonly string[] s_metadataNames =
    [
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.Dictionary`2+KeyCollection",
        "System.Collections.Generic.Dictionary`2+ValueCollection",
        "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Concurrent.ConcurrentDictionary`2",
        "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Frozen.FrozenSet`1",
        "System.Collections.Frozen.FrozenDictionary`2",
        "System.Collections.Hashtable",
    ];

    private readonly ImmutableHashSet<INamedTypeSymbol> _types;

    /// <summary>Resolves the types in <paramref name="compilation"/>.</summary>
    public UnorderedCollections(Compilation compilation)
    {
        ImmutableHashSet<INamedTypeSymbol>.Builder types = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (string name in s_metadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                types.Add(type);
            }
        }

        _types = types.ToImmutable();
    }

    /// <summary>
    /// If <paramref name="collection"/> (the operand of a <c>foreach</c> or of a LINQ call) enumerates
    /// in an unspecified order, the display name of its type; otherwise <see langword="null"/>.
    /// </summary>
    public string? Describe(IOperation collection)
    {
        collection = Accumulation.Unwrap(collection);
        if (IsUnordered(collection.Type))
        {
            return collection.Type!.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        }

        // ConcurrentDictionary<,>.Keys and .Values are typed ICollection<T>: look at the dictionary.
        if (collection is IPropertyReferenceOperation { Property.Name: "Keys" or "Values", Instance: { } dictionary }
            && IsUnordered(dictionary.Type))
        {
            return dictionary.Type!.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "." + ((IPropertyReferenceOperation)collection).Property.Name;
        }

        return null;
    }

    private bool IsUnordered(ITypeSymbol? type)
        => type is INamedTypeSymbol named && _types.Contains(named.OriginalDefinition);
}
