using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>Checks the type a layer attribute is applied to and describes where it is declared.</summary>
internal static class LayerTypeParser
{
    /// <summary>
    /// Returns the type's model, or <see langword="null"/> when the declaration cannot be extended
    /// (the reasons are added to <paramref name="diagnostics"/>).
    /// </summary>
    public static LayerTypeModel? Parse(
        INamedTypeSymbol type,
        ClassDeclarationSyntax declaration,
        string expectedBaseType,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        // A declaration being typed (no name yet here, in a containing type or in the namespace) is the
        // compiler's to report: code generated for it would not parse.
        if (HasMissingName(type, declaration))
        {
            return null;
        }

        LocationInfo? identifier = LocationInfo.From(declaration.Identifier);
        int before = diagnostics.Count;

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.TypeNotPartial, identifier, type.Name));
        }

        if (type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.StaticType, identifier, type.Name));
        }

        if (IsGenericOrInGeneric(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.GenericType, identifier, type.Name));
        }

        INamedTypeSymbol? baseType = type.BaseType;
        if (baseType is not null
            && baseType.SpecialType != SpecialType.System_Object
            && baseType.TypeKind != TypeKind.Error
            && baseType.ToDisplayString() != expectedBaseType)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                GeneratorDiagnostics.UnsupportedBaseType, LocationInfo.From(BaseTypeSyntax(type, cancellationToken)) ?? identifier, type.Name, baseType.ToDisplayString(), expectedBaseType));
        }

        var containingTypes = ImmutableArray.CreateBuilder<ContainingTypeModel>();
        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
        {
            if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ContainingTypeNotPartial, LocationInfo.From(container.Identifier), container.Identifier.ValueText, type.Name));
            }

            containingTypes.Insert(0, new ContainingTypeModel(Keyword(container), Escape(container.Identifier.ValueText)));
        }

        if (diagnostics.Count != before)
        {
            return null;
        }

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? NamespaceName(containing) : null;
        return new LayerTypeModel(ns, Escape(type.Name), new EquatableArray<ContainingTypeModel>(containingTypes.ToImmutable()));
    }

    private static bool HasMissingName(INamedTypeSymbol type, ClassDeclarationSyntax declaration)
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

    /// <summary>A namespace's name with keyword parts escaped (<c>@class</c>), outermost first.</summary>
    private static string NamespaceName(INamespaceSymbol ns)
    {
        var parts = new List<string>();
        for (INamespaceSymbol? current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            parts.Insert(0, Escape(current.Name));
        }

        return string.Join(".", parts);
    }

    /// <summary>A name as it must be written in code: a reserved keyword (a type declared as <c>@class</c>) gets its <c>@</c> back.</summary>
    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static bool IsGenericOrInGeneric(INamedTypeSymbol type)
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

    private static SyntaxNode? BaseTypeSyntax(INamedTypeSymbol type, CancellationToken cancellationToken)
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

    private static string Keyword(TypeDeclarationSyntax container) => container switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => container.Keyword.ValueText,
    };
}
