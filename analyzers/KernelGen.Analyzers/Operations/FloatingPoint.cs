using Microsoft.CodeAnalysis;

namespace KernelGen.Analyzers.Operations;

/// <summary>Recognizes the types whose arithmetic rounds.</summary>
internal static class FloatingPoint
{
    /// <summary>Whether <paramref name="type"/> is <see cref="float"/> or <see cref="double"/>.</summary>
    public static bool IsScalar(ITypeSymbol? type)
        => type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    /// <summary>
    /// Whether <paramref name="type"/> is a rounding scalar (<see cref="float"/>, <see cref="double"/>,
    /// <c>Half</c>), a nullable one, or a SIMD vector of them (<c>Vector&lt;T&gt;</c>, <c>Vector64..512&lt;T&gt;</c>).
    /// </summary>
    public static bool IsFloatingPoint(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsScalar(type) || IsHalf(type))
        {
            return true;
        }

        return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
            && (generic.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T || IsVectorType(generic))
            && IsFloatingPoint(generic.TypeArguments[0]);
    }

    /// <summary>Whether <paramref name="type"/> is <c>System.Numerics.Vector&lt;T&gt;</c>, whose width varies between machines.</summary>
    public static bool IsVariableWidthVector(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "Vector", Arity: 1 } vector && IsInNamespace(vector, "System", "Numerics");

    private static bool IsVectorType(INamedTypeSymbol type)
        => type.Name switch
        {
            "Vector" => IsInNamespace(type, "System", "Numerics"),
            "Vector64" or "Vector128" or "Vector256" or "Vector512" => IsInNamespace(type, "System", "Runtime", "Intrinsics"),
            _ => false,
        };

    private static bool IsHalf(ITypeSymbol type)
        => type.Name == "Half" && IsInNamespace(type, "System");

    /// <summary>Whether <paramref name="symbol"/> is declared directly in the namespace <c>a</c>.</summary>
    public static bool IsInNamespace(ISymbol symbol, string a)
        => symbol.ContainingNamespace is { } ns && ns.Name == a && ns.ContainingNamespace is { IsGlobalNamespace: true };

    /// <summary>Whether <paramref name="symbol"/> is declared directly in the namespace <c>a.b</c>.</summary>
    public static bool IsInNamespace(ISymbol symbol, string a, string b)
        => symbol.ContainingNamespace is { } ns && ns.Name == b && IsInNamespace(ns, a);

    /// <summary>Whether <paramref name="symbol"/> is declared directly in the namespace <c>a.b.c</c>.</summary>
    public static bool IsInNamespace(ISymbol symbol, string a, string b, string c)
        => symbol.ContainingNamespace is { } ns && ns.Name == c && IsInNamespace(ns, a, b);

    /// <summary>Whether <paramref name="symbol"/> is declared directly in the namespace <c>a.b.c.d</c>.</summary>
    public static bool IsInNamespace(ISymbol symbol, string a, string b, string c, string d)
        => symbol.ContainingNamespace is { } ns && ns.Name == d && IsInNamespace(ns, a, b, c);
}
