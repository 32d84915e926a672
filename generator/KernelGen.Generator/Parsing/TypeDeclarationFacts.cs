using System.Collections.Generic;
using System.Collections.Immutable;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>
/// What the layer and module parsers both need to know about the class they complete: whether it can
/// be reopened at all, and how its namespace and enclosing types are written.
/// </summary>
internal static class TypeDeclarationFacts
{
    /// <summary>
    /// Whether the declaration, an enclosing type or a namespace is still being typed (no name yet): that is
    /// the compiler's to report, and code generated for it would not parse.
    /// </summary>
    public static bool HasMissingName(INamedTypeSymbol type, ClassDeclarationSyntax declaration)
    {
        if (declaration.Identifier.IsMissing || type.Name.Length == 0)
        {
            return true;
        }

        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
        {
            if (container.Identifier.IsMissing || container.Identifier.ValueText.Length == 0)
            {
                return true;
            }
        }

        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The type's namespace as written in code, or <see langword="null"/> for the global namespace.</summary>
    public static string? NamespaceOf(INamedTypeSymbol type)
    {
        if (type.ContainingNamespace is not { IsGlobalNamespace: false } ns)
        {
            return null;
        }

        var parts = new List<string>();
        for (INamespaceSymbol? current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            parts.Insert(0, Escape(current.Name));
        }

        return string.Join(".", parts);
    }

    /// <summary>A name as it must be written in code: a reserved keyword (a type declared as <c>@class</c>) gets its <c>@</c> back.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Whether the type or one of its enclosing types has type parameters.</summary>
    public static bool IsGenericOrInGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first type of a base list among the type's declarations (its base class, when it has one).</summary>
    public static SyntaxNode? BaseTypeSyntax(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax { BaseList.Types: { Count: > 0 } types })
            {
                return types[0];
            }
        }

        return null;
    }

    /// <summary>
    /// The enclosing types of <paramref name="declaration"/>, outermost first, and in <paramref name="notPartial"/>
    /// those that are not <c>partial</c> (innermost first), which cannot be reopened around generated members.
    /// </summary>
    public static EquatableArray<ContainingTypeModel> ContainingTypes(ClassDeclarationSyntax declaration, out List<TypeDeclarationSyntax> notPartial)
    {
        notPartial = [];
        var containingTypes = ImmutableArray.CreateBuilder<ContainingTypeModel>();
        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
        {
            if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                notPartial.Add(container);
            }

            containingTypes.Insert(0, new ContainingTypeModel(Keyword(container), Escape(container.Identifier.ValueText)));
        }

        return new EquatableArray<ContainingTypeModel>(containingTypes.ToImmutable());
    }

    /// <summary>The keyword that reopens an enclosing type: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, ….</summary>
    private static string Keyword(TypeDeclarationSyntax container) => container switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => container.Keyword.ValueText,
    };
}
