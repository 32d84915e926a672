using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>
/// Finds a module's children: its instance fields and auto-properties whose type is a module, or an array or
/// collection of modules, in declaration order, each with its state name.
/// </summary>
internal static class ModuleChildParser
{
    public const string StateNameMetadataName = "KernelGen.StateNameAttribute";

    public static EquatableArray<ModuleChildModel> Parse(
        INamedTypeSymbol type, ModuleTypes moduleTypes, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var children = new List<ModuleChildModel>();
        var memberByStateName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (StoredType(member, cancellationToken) is not { } memberType)
            {
                continue;
            }

            string? listItemType = null;
            if (!moduleTypes.IsModule(memberType))
            {
                if (moduleTypes.ListItemType(memberType) is not { } itemType)
                {
                    continue;
                }

                listItemType = itemType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            }

            if (StateName(member, diagnostics, cancellationToken) is not { } stateName)
            {
                continue;
            }

            if (memberByStateName.TryGetValue(stateName, out string? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.DuplicateStateName, LocationInfo.From(member.Locations.FirstOrDefault()), first, member.Name, type.Name, stateName));
                continue;
            }

            memberByStateName.Add(stateName, member.Name);
            children.Add(new ModuleChildModel(stateName, TypeDeclarationFacts.Escape(member.Name), listItemType));
        }

        return children.ToEquatableArray();
    }

    /// <summary>The type of an instance field or auto-property (state the module holds); <see langword="null"/> for any other member.</summary>
    private static ITypeSymbol? StoredType(ISymbol member, CancellationToken cancellationToken) => member switch
    {
        { IsStatic: true } or { IsImplicitlyDeclared: true } => null,
        IFieldSymbol { AssociatedSymbol: null } field => field.Type,
        IPropertySymbol property when IsAutoProperty(property, cancellationToken) => property.Type,
        _ => null,
    };

    /// <summary>A property whose value is stored in a compiler-generated field: every accessor without a body.</summary>
    private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
    {
        if (property.IsIndexer || property.IsAbstract || property.IsExtern || property.IsPartialDefinition || property.ExplicitInterfaceImplementations.Length > 0)
        {
            return false;
        }

        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
                && accessors.Accessors.All(accessor => accessor.Body is null && accessor.ExpressionBody is null))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The member's state name: <c>[StateName]</c>'s, or one derived from the member's name
    /// (<see cref="StateNames"/>); <see langword="null"/>, with KG1016 reported, when it is not a valid segment.
    /// </summary>
    private static string? StateName(ISymbol member, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        AttributeData? attribute = member.GetAttributes().FirstOrDefault(
            attribute => attribute.AttributeClass?.ToDisplayString() == StateNameMetadataName);

        // An attribute that does not bind ([StateName] without its argument) is the compiler's to report.
        if (attribute is not { AttributeConstructor: not null, ConstructorArguments.Length: 1 })
        {
            string derived = StateNames.FromMemberName(member.Name);
            if (StateNames.IsValidSegment(derived))
            {
                return derived;
            }

            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.InvalidStateName, LocationInfo.From(member.Locations.FirstOrDefault()), member.Name, derived));
            return null;
        }

        string? given = attribute.ConstructorArguments[0].Value as string;
        if (StateNames.IsValidSegment(given))
        {
            return given;
        }

        SyntaxNode? argument = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault();
        diagnostics.Add(DiagnosticInfo.Create(
            GeneratorDiagnostics.InvalidStateName, LocationInfo.From(argument) ?? LocationInfo.From(member.Locations.FirstOrDefault()), member.Name, given ?? "null"));
        return null;
    }
}
