using System.Collections.Generic;
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
        if (!LayerDeclarationParser.TryBegin(context, BaseTypeName, diagnostics, cancellationToken, out INamedTypeSymbol type, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<LinearLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        LinearLayerModel? model = null;
        bool hasBias = true;
        int? activationValue = null;
        int? arithmeticValue = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 2, out int[] dimensions)
            && LayerDeclarationParser.TryReadNamed(attribute, "Bias", ref hasBias)
            && TryReadEnum(attribute, "Activation", out activationValue)
            && TryReadEnum(attribute, "Arithmetic", out arithmeticValue))
        {
            int inFeatures = dimensions[0];
            int outFeatures = dimensions[1];
            var arguments = new AttributeArguments(attribute, cancellationToken);
            LayerDeclarationParser.CheckDimension("inFeatures", inFeatures, 0, arguments, diagnostics);
            LayerDeclarationParser.CheckDimension("outFeatures", outFeatures, 1, arguments, diagnostics);
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

            string? activation = null;
            if (activationValue is int value && !ActivationFunctions.TryGetName(value, out activation))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.UnknownActivationFunction,
                    arguments.NamedArgumentLocation("Activation"),
                    "Activation",
                    value,
                    ActivationFunctions.List));
            }

            string arithmetic = LinearLayerModel.Bitwise;
            if (arithmeticValue is int tier)
            {
                if (tier is 0 or 1)
                {
                    arithmetic = tier == 0 ? LinearLayerModel.Bitwise : LinearLayerModel.Exact;
                }
                else
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        GeneratorDiagnostics.UnknownKernelArithmetic,
                        arguments.NamedArgumentLocation("Arithmetic"),
                        "Arithmetic",
                        tier));
                }
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new LinearLayerModel(typeModel, inFeatures, outFeatures, hasBias, activation, arithmetic);
            }
        }

        // An attribute the compiler cannot bind (missing or mistyped arguments) is the compiler's to report.
        return new ParseResult<LinearLayerModel>(model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Reads the enum property <paramref name="name"/>'s value as a number (<see langword="null"/> when it is not set);
    /// <see langword="false"/> when the compiler could not bind it (<c>Activation = null</c>, an unknown member).
    /// </summary>
    private static bool TryReadEnum(AttributeData attribute, string name, out int? value)
    {
        value = null;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == name)
            {
                if (named.Value.Kind != TypedConstantKind.Enum || named.Value.Value is not int number)
                {
                    return false;
                }

                value = number;
            }
        }

        return true;
    }
}
