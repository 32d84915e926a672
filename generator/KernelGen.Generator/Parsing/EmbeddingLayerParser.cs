using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[Embedding]</c> into an <see cref="EmbeddingLayerModel"/> or diagnostics.</summary>
internal static class EmbeddingLayerParser
{
    public const string AttributeMetadataName = "KernelGen.EmbeddingAttribute";

    public static ParseResult<EmbeddingLayerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.EmbeddingLayer", diagnostics, cancellationToken, out INamedTypeSymbol type, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<EmbeddingLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        int paddingIndex = -1;
        EmbeddingLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 2, out int[] dimensions) && LayerDeclarationParser.TryReadNamed(attribute, "PaddingIndex", ref paddingIndex))
        {
            int count = dimensions[0], dim = dimensions[1];
            var arguments = new AttributeArguments(attribute, cancellationToken);
            LayerDeclarationParser.CheckDimension("numEmbeddings", count, 0, arguments, diagnostics);
            LayerDeclarationParser.CheckDimension("embeddingDim", dim, 1, arguments, diagnostics);
            if (count > 0 && dim > 0 && (long)count * dim > GeneratorDiagnostics.MaxWeightCount)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.WeightTooLarge, arguments.AttributeLocation, type.Name, count, dim, (long)count * dim));
            }

            if (paddingIndex < -1 || (count > 0 && paddingIndex >= count))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ArgumentOutOfRange, arguments.NamedArgumentLocation("PaddingIndex"), "PaddingIndex", paddingIndex, $"-1 (none) or an id in [0, {count})"));
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new EmbeddingLayerModel(typeModel, count, dim, paddingIndex);
            }
        }

        return new ParseResult<EmbeddingLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
