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
                GeneratorDiagnostics.UnsupportedBaseType, LocationInfo.From(BaseTypeSyntax(type, cancellationToken)) ?? identifier, type.Name, baseType.ToDisplayString()));
        }

        var containingTypes = ImmutableArray.CreateBuilder<ContainingTypeModel>();
        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
        {
            if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ContainingTypeNotPartial, LocationInfo.From(container.Identifier), container.Identifier.ValueText, type.Name));
            }

            containingTypes.Insert(0, new ContainingTypeModel(Keyword(container), container.Identifier.ValueText));
        }

        if (diagnostics.Count != before)
        {
            return null;
        }

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;
        return new LayerTypeModel(ns, type.Name, new EquatableArray<ContainingTypeModel>(containingTypes.ToImmutable()));
    }

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
