using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[Linear]</c> into a <see cref="LinearLayerModel"/> or diagnostics.</summary>
internal static class LinearLayerParser
{
    /// <summary>The metadata name of the attribute, defined in the KernelGen runtime.</summary>
    public const string AttributeMetadataName = "KernelGen.LinearAttribute";

    /// <summary>The base class of generated linear layers.</summary>
    public const string BaseTypeName = "KernelGen.LinearLayer";

    public static ParseResult<LinearLayerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.TargetNode is not ClassDeclarationSyntax declaration
            || context.Attributes.Length != 1
            || AppliedMoreThanOnce(type, context.Attributes[0]))
        {
            // Two [Linear] on one type (on one declaration, or on two partial declarations) is the
            // compiler's CS0579; a model for each would give two files of one hint name, and the driver throws.
            return new ParseResult<LinearLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        LayerTypeModel? typeModel = LayerTypeParser.Parse(type, declaration, BaseTypeName, diagnostics, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        AttributeData attribute = context.Attributes[0];
        LinearLayerModel? model = null;
        if (TryReadArguments(attribute, out int inFeatures, out int outFeatures, out bool hasBias))
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            CheckDimension("inFeatures", inFeatures, 0, arguments, diagnostics);
            CheckDimension("outFeatures", outFeatures, 1, arguments, diagnostics);
            if (inFeatures > 0 && outFeatures > 0 && (long)inFeatures * outFeatures > GeneratorDiagnostics.MaxWeightCount)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.WeightTooLarge,
                    arguments.AttributeLocation,
                    type.Name,
                    outFeatures,
                    inFeatures,
                    (long)inFeatures * outFeatures));
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new LinearLayerModel(typeModel, inFeatures, outFeatures, hasBias);
            }
        }

        // An attribute the compiler cannot bind (missing or mistyped arguments) is the compiler's to report.
        return new ParseResult<LinearLayerModel>(model, diagnostics.ToEquatableArray());
    }

    private static bool AppliedMoreThanOnce(INamedTypeSymbol type, AttributeData attribute)
    {
        int count = 0;
        foreach (AttributeData applied in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(applied.AttributeClass, attribute.AttributeClass) && ++count > 1)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadArguments(AttributeData attribute, out int inFeatures, out int outFeatures, out bool hasBias)
    {
        inFeatures = outFeatures = 0;
        hasBias = true;
        if (attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Length != 2
            || attribute.ConstructorArguments[0].Value is not int first
            || attribute.ConstructorArguments[1].Value is not int second)
        {
            return false;
        }

        inFeatures = first;
        outFeatures = second;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "Bias")
            {
                if (named.Value.Value is not bool bias)
                {
                    return false;
                }

                hasBias = bias;
            }
        }

        return true;
    }

    private static void CheckDimension(string name, int value, int position, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        if (value < 1 || value > GeneratorDiagnostics.MaxDimension)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                GeneratorDiagnostics.DimensionOutOfRange, arguments.ConstructorArgumentLocation(name, position), name, value));
        }
    }

    /// <summary>Finds the syntax of an attribute's arguments, by parameter name or by position.</summary>
    private readonly struct AttributeArguments
    {
        private readonly AttributeSyntax? _syntax;

        public AttributeArguments(AttributeData attribute, CancellationToken cancellationToken)
        {
            _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        }

        public LocationInfo? AttributeLocation => LocationInfo.From(_syntax);

        public LocationInfo? ConstructorArgumentLocation(string parameterName, int position)
        {
            if (_syntax?.ArgumentList is not { } list)
            {
                return AttributeLocation;
            }

            AttributeArgumentSyntax? named = list.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
            if (named is not null)
            {
                return LocationInfo.From(named);
            }

            // Constructor arguments precede property assignments (NameEquals); an unnamed one is always
            // at its parameter's position, even after a named one (C# 7.2: Linear(inFeatures: 8, 0)).
            AttributeArgumentSyntax[] constructorArguments = list.Arguments.Where(a => a.NameEquals is null).ToArray();
            return position < constructorArguments.Length && constructorArguments[position].NameColon is null
                ? LocationInfo.From(constructorArguments[position])
                : AttributeLocation;
        }
    }
}
