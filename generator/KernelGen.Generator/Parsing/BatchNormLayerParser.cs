using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[BatchNorm1d]</c> or <c>[BatchNorm2d]</c> into a <see cref="BatchNormLayerModel"/> or diagnostics.</summary>
internal static class BatchNormLayerParser
{
    public const string BatchNorm1dMetadataName = "KernelGen.BatchNorm1dAttribute";

    public const string BatchNorm2dMetadataName = "KernelGen.BatchNorm2dAttribute";

    public static ParseResult<BatchNormLayerModel> Parse(GeneratorAttributeSyntaxContext context, int spatialDims, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.BatchNormLayer", diagnostics, cancellationToken, out _, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<BatchNormLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        float epsilon = 1e-5f, momentum = 0.1f;
        bool affine = true;
        BatchNormLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 1, out int[] dimensions)
            && LayerDeclarationParser.TryReadNamed(attribute, "Epsilon", ref epsilon)
            && LayerDeclarationParser.TryReadNamed(attribute, "Momentum", ref momentum)
            && LayerDeclarationParser.TryReadNamed(attribute, "Affine", ref affine))
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            LayerDeclarationParser.CheckDimension("numFeatures", dimensions[0], 0, arguments, diagnostics);
            if (!(epsilon >= 0f) || float.IsInfinity(epsilon))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ArgumentOutOfRange, arguments.NamedArgumentLocation("Epsilon"), "Epsilon", epsilon.ToString("R", CultureInfo.InvariantCulture), "a finite number ≥ 0"));
            }

            if (!(momentum >= 0f && momentum <= 1f))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ArgumentOutOfRange, arguments.NamedArgumentLocation("Momentum"), "Momentum", momentum.ToString("R", CultureInfo.InvariantCulture), "between 0 and 1"));
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new BatchNormLayerModel(typeModel, spatialDims, dimensions[0], epsilon, momentum, affine);
            }
        }

        return new ParseResult<BatchNormLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
