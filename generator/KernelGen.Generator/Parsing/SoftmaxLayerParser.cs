using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[Softmax]</c> or <c>[LogSoftmax]</c> into a <see cref="SoftmaxLayerModel"/> or diagnostics.</summary>
internal static class SoftmaxLayerParser
{
    public const string SoftmaxMetadataName = "KernelGen.SoftmaxAttribute";

    public const string LogSoftmaxMetadataName = "KernelGen.LogSoftmaxAttribute";

    public static ParseResult<SoftmaxLayerModel> Parse(GeneratorAttributeSyntaxContext context, bool isLog, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.SoftmaxLayer", diagnostics, cancellationToken, out _, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<SoftmaxLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        SoftmaxLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 1, out int[] dimensions))
        {
            LayerDeclarationParser.CheckDimension("features", dimensions[0], 0, new AttributeArguments(attribute, cancellationToken), diagnostics);
            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new SoftmaxLayerModel(typeModel, dimensions[0], isLog);
            }
        }

        return new ParseResult<SoftmaxLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
