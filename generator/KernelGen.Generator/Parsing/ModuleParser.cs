using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a <c>[Module]</c> class into its model: the type checks here, the children in <see cref="ModuleChildParser"/>.</summary>
internal static class ModuleParser
{
    public const string AttributeMetadataName = "KernelGen.ModuleAttribute";

    private static readonly ParseResult<ModuleModel> Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);

    public static ParseResult<ModuleModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        // Not a class, [Module] twice (CS0579), a name still being typed, or no KernelGen.Module to derive
        // from: the compiler reports it, and code generated for it would not compile.
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.TargetNode is not ClassDeclarationSyntax declaration
            || context.Attributes.Length != 1
            || LayerDeclarationParser.AppliedMoreThanOnce(type, context.Attributes[0])
            || TypeDeclarationFacts.HasMissingName(type, declaration)
            || ModuleTypes.From(context.SemanticModel.Compilation) is not { } moduleTypes
            || HasErrorBase(type))
        {
            return Nothing;
        }

        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? identifier = LocationInfo.From(declaration.Identifier);

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.ModuleNotPartial, identifier, type.Name));
        }

        if (!moduleTypes.IsModule(type.BaseType))
        {
            LocationInfo? baseType = type.BaseType is { SpecialType: not SpecialType.System_Object }
                ? LocationInfo.From(TypeDeclarationFacts.BaseTypeSyntax(type, cancellationToken))
                : null;
            diagnostics.Add(DiagnosticInfo.Create(
                GeneratorDiagnostics.ModuleNotDerivedFromModule, baseType ?? identifier, type.Name, type.BaseType?.ToDisplayString() ?? "object"));
        }

        EquatableArray<ContainingTypeModel> containingTypes = TypeDeclarationFacts.ContainingTypes(declaration, out List<TypeDeclarationSyntax> notPartial);
        foreach (TypeDeclarationSyntax container in notPartial)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                GeneratorDiagnostics.ContainingTypeOfModuleNotPartial, LocationInfo.From(container.Identifier), container.Identifier.ValueText, type.Name));
        }

        if (TypeDeclarationFacts.IsGenericOrInGeneric(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.GenericModule, identifier, type.Name));
        }

        EquatableArray<ModuleChildModel> children = ModuleChildParser.Parse(type, moduleTypes, diagnostics, cancellationToken);
        bool callsBase = !SymbolEqualityComparer.Default.Equals(type.BaseType, moduleTypes.Module);
        if (children.Count == 0 && !callsBase && diagnostics.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.ModuleWithoutChildren, identifier, type.Name));
        }

        if (diagnostics.Count != 0)
        {
            return new ParseResult<ModuleModel>(null, diagnostics.ToEquatableArray());
        }

        var typeModel = new LayerTypeModel(TypeDeclarationFacts.NamespaceOf(type), TypeDeclarationFacts.Escape(type.Name), containingTypes);
        return new ParseResult<ModuleModel>(
            new ModuleModel(typeModel, callsBase, SeesInternals(moduleTypes.Module.ContainingAssembly, context.SemanticModel.Compilation.Assembly), children),
            EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>A base class that does not bind is the compiler's to report; whether it is a module is unknown.</summary>
    private static bool HasErrorBase(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SeesInternals(IAssemblySymbol runtime, IAssemblySymbol compilation) =>
        SymbolEqualityComparer.Default.Equals(runtime, compilation) || runtime.GivesAccessTo(compilation);
}
