using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[Attention]</c> into an <see cref="AttentionLayerModel"/> or diagnostics.</summary>
internal static class AttentionLayerParser
{
    public const string AttributeMetadataName = "KernelGen.AttentionAttribute";

    public static ParseResult<AttentionLayerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.AttentionLayer", diagnostics, cancellationToken, out _, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<AttentionLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        AttentionLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 2, out int[] dimensions))
        {
            int heads = dimensions[0], headDim = dimensions[1];
            var arguments = new AttributeArguments(attribute, cancellationToken);
            LayerDeclarationParser.CheckDimension("heads", heads, 0, arguments, diagnostics);
            LayerDeclarationParser.CheckDimension("headDim", headDim, 1, arguments, diagnostics);
            if (heads > 0 && headDim > 0 && (long)heads * headDim > GeneratorDiagnostics.MaxDimension)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.InconsistentArguments,
                    arguments.AttributeLocation,
                    $"heads × headDim is {(long)heads * headDim}; a row of queries, keys or values holds at most 1048576 values"));
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new AttentionLayerModel(typeModel, heads, headDim);
            }
        }

        return new ParseResult<AttentionLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
