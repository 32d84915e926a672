using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[Activation]</c> into an <see cref="ActivationLayerModel"/> or diagnostics.</summary>
internal static class ActivationLayerParser
{
    public const string AttributeMetadataName = "KernelGen.ActivationAttribute";

    public static ParseResult<ActivationLayerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.ActivationLayer", diagnostics, cancellationToken, out _, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<ActivationLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        ActivationLayerModel? model = null;
        if (attribute.AttributeConstructor is not null
            && attribute.ConstructorArguments.Length == 2
            && attribute.ConstructorArguments[0].Value is int function
            && attribute.ConstructorArguments[1].Value is int features)
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            if (!ActivationFunctions.TryGetName(function, out string functionName))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.UnknownActivationFunction,
                    arguments.ConstructorArgumentLocation("function", 0),
                    "function",
                    function,
                    ActivationFunctions.List));
            }

            LayerDeclarationParser.CheckDimension("features", features, 1, arguments, diagnostics);
            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new ActivationLayerModel(typeModel, functionName, features);
            }
        }

        return new ParseResult<ActivationLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
