using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>
/// Which member types are children of a module: types deriving from <c>KernelGen.Module</c>, and
/// one-dimensional arrays and <c>IEnumerable&lt;T&gt;</c> collections of them.
/// </summary>
/// <remarks>
/// A generated layer derives from <c>KernelGen.Module</c> only in the code this generator adds, which the
/// compilation it inspects does not contain yet; a class carrying a layer attribute (one deriving from
/// <c>KernelGen.LayerAttribute</c>) is therefore a module too, as is any class deriving from one.
/// </remarks>
internal sealed class ModuleTypes
{
    public const string ModuleMetadataName = "KernelGen.Module";
    public const string LayerAttributeMetadataName = "KernelGen.LayerAttribute";

    private readonly INamedTypeSymbol _module;
    private readonly INamedTypeSymbol? _layerAttribute;

    private ModuleTypes(INamedTypeSymbol module, INamedTypeSymbol? layerAttribute)
    {
        _module = module;
        _layerAttribute = layerAttribute;
    }

    /// <summary>The module base of the compilation.</summary>
    public INamedTypeSymbol Module => _module;

    /// <summary>The compilation's module types, or <see langword="null"/> when it does not reference KernelGen.</summary>
    public static ModuleTypes? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName(ModuleMetadataName) is { } module
            ? new ModuleTypes(module, compilation.GetTypeByMetadataName(LayerAttributeMetadataName))
            : null;

    /// <summary>Whether <paramref name="type"/> is <c>KernelGen.Module</c>, derives from it, or is (or derives from) a declared layer.</summary>
    public bool IsModule(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is INamedTypeSymbol named; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _module) || DeclaresLayer(named))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The item type when <paramref name="type"/> is a one-dimensional array, or implements <c>IEnumerable&lt;T&gt;</c>,
    /// of modules; otherwise <see langword="null"/>.
    /// </summary>
    public ITypeSymbol? ListItemType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.IsSZArray && IsModule(array.ElementType) ? array.ElementType : null;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (IsEnumerableOfModules(named))
        {
            return named.TypeArguments[0];
        }

        foreach (INamedTypeSymbol implemented in named.AllInterfaces)
        {
            if (IsEnumerableOfModules(implemented))
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    private bool IsEnumerableOfModules(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T && IsModule(type.TypeArguments[0]);

    private bool DeclaresLayer(INamedTypeSymbol type)
    {
        if (_layerAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            for (INamedTypeSymbol? attributeType = attribute.AttributeClass; attributeType is not null; attributeType = attributeType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(attributeType, _layerAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
