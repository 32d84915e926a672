using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[MatMul]</c> into a <see cref="MatMulLayerModel"/> or diagnostics.</summary>
internal static class MatMulLayerParser
{
    public const string AttributeMetadataName = "KernelGen.MatMulAttribute";

    public static ParseResult<MatMulLayerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.MatMulLayer", diagnostics, cancellationToken, out _, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<MatMulLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        MatMulLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 2, out int[] d))
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            LayerDeclarationParser.CheckDimension("innerSize", d[0], 0, arguments, diagnostics);
            LayerDeclarationParser.CheckDimension("columns", d[1], 1, arguments, diagnostics);
            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new MatMulLayerModel(typeModel, d[0], d[1]);
            }
        }

        return new ParseResult<MatMulLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
