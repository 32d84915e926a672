using System.Collections.Generic;
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
        if (TypeDeclarationFacts.HasMissingName(type, declaration))
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

        if (TypeDeclarationFacts.IsGenericOrInGeneric(type))
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
                GeneratorDiagnostics.UnsupportedBaseType, LocationInfo.From(TypeDeclarationFacts.BaseTypeSyntax(type, cancellationToken)) ?? identifier, type.Name, baseType.ToDisplayString(), expectedBaseType));
        }

        EquatableArray<ContainingTypeModel> containingTypes = TypeDeclarationFacts.ContainingTypes(declaration, out List<TypeDeclarationSyntax> notPartial);
        foreach (TypeDeclarationSyntax container in notPartial)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                GeneratorDiagnostics.ContainingTypeNotPartial, LocationInfo.From(container.Identifier), container.Identifier.ValueText, type.Name));
        }

        if (diagnostics.Count != before)
        {
            return null;
        }

        return new LayerTypeModel(TypeDeclarationFacts.NamespaceOf(type), TypeDeclarationFacts.Escape(type.Name), containingTypes);
    }
}
