using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[Conv1d]</c> into a <see cref="Conv1dLayerModel"/> or diagnostics.</summary>
internal static class Conv1dLayerParser
{
    public const string AttributeMetadataName = "KernelGen.Conv1dAttribute";

    private static readonly string[] DimensionNames = ["inChannels", "outChannels", "kernelSize", "inputLength"];

    public static ParseResult<Conv1dLayerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!LayerDeclarationParser.TryBegin(context, "KernelGen.Conv1dLayer", diagnostics, cancellationToken, out INamedTypeSymbol type, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<Conv1dLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        int stride = 1, padding = 0, dilation = 1, groups = 1;
        bool bias = true;
        Conv1dLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 4, out int[] d)
            && LayerDeclarationParser.TryReadNamed(attribute, "Stride", ref stride)
            && LayerDeclarationParser.TryReadNamed(attribute, "Padding", ref padding)
            && LayerDeclarationParser.TryReadNamed(attribute, "Dilation", ref dilation)
            && LayerDeclarationParser.TryReadNamed(attribute, "Groups", ref groups)
            && LayerDeclarationParser.TryReadNamed(attribute, "Bias", ref bias))
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            for (int i = 0; i < 4; i++)
            {
                LayerDeclarationParser.CheckDimension(DimensionNames[i], d[i], i, arguments, diagnostics);
            }

            CheckAtLeast("Stride", stride, 1, arguments, diagnostics);
            CheckAtLeast("Dilation", dilation, 1, arguments, diagnostics);
            CheckAtLeast("Padding", padding, 0, arguments, diagnostics);
            CheckAtLeast("Groups", groups, 1, arguments, diagnostics);
            int outputLength = 0;
            if (diagnostics.Count == 0)
            {
                long span = ((long)dilation * (d[2] - 1)) + 1;
                long padded = d[3] + (2L * padding);
                long positions = padded >= span ? ((padded - span) / stride) + 1 : 0;
                string? problem =
                    d[0] % groups != 0 || d[1] % groups != 0 ? $"inChannels ({d[0]}) and outChannels ({d[1]}) must both be multiples of Groups ({groups})"
                    : positions < 1 ? $"the kernel spans {span} positions (Dilation · (kernelSize − 1) + 1) but the padded input has only {padded}: there is no output position"
                    : (long)d[0] * d[3] > GeneratorDiagnostics.MaxDimension || d[1] * positions > GeneratorDiagnostics.MaxDimension
                        ? $"a row of {(long)d[0] * d[3]} inputs or {d[1] * positions} outputs exceeds 1048576 values"
                    : null;
                outputLength = problem is null ? (int)positions : 0;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.InconsistentArguments, arguments.AttributeLocation, problem));
                }
                else if ((long)d[1] * (d[0] / groups) * d[2] > GeneratorDiagnostics.MaxWeightCount)
                {
                    diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.WeightTooLarge, arguments.AttributeLocation, type.Name, d[1], (d[0] / groups) * d[2], (long)d[1] * (d[0] / groups) * d[2]));
                }
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new Conv1dLayerModel(typeModel, d[0], d[1], d[2], d[3], outputLength, stride, padding, dilation, groups, bias);
            }
        }

        return new ParseResult<Conv1dLayerModel>(model, diagnostics.ToEquatableArray());
    }

    private static void CheckAtLeast(string name, int value, int minimum, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        if (value < minimum)
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.ArgumentOutOfRange, arguments.NamedArgumentLocation(name), name, value, $"at least {minimum}"));
        }
    }
}
