using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Parsing;

/// <summary>Turns a class carrying <c>[LayerNorm]</c> or <c>[RmsNorm]</c> into a <see cref="NormLayerModel"/> or diagnostics.</summary>
internal static class NormLayerParser
{
    public const string LayerNormMetadataName = "KernelGen.LayerNormAttribute";

    public const string RmsNormMetadataName = "KernelGen.RmsNormAttribute";

    public static ParseResult<NormLayerModel> Parse(GeneratorAttributeSyntaxContext context, NormKind kind, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string baseType = kind == NormKind.LayerNorm ? "KernelGen.LayerNormLayer" : "KernelGen.RmsNormLayer";
        if (!LayerDeclarationParser.TryBegin(context, baseType, diagnostics, cancellationToken, out _, out LayerTypeModel? typeModel, out AttributeData attribute))
        {
            return new ParseResult<NormLayerModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        float epsilon = kind == NormKind.LayerNorm ? 1e-5f : 1.1920929e-07f;
        bool affine = true;
        bool bias = kind == NormKind.LayerNorm;
        int residual = 0;
        NormLayerModel? model = null;
        if (LayerDeclarationParser.TryReadInts(attribute, 1, out int[] dimensions)
            && LayerDeclarationParser.TryReadNamed(attribute, "Epsilon", ref epsilon)
            && LayerDeclarationParser.TryReadNamed(attribute, "ElementwiseAffine", ref affine)
            && (kind != NormKind.LayerNorm || LayerDeclarationParser.TryReadNamed(attribute, "Bias", ref bias))
            && LayerDeclarationParser.TryReadNamed(attribute, "Residual", ref residual))
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            LayerDeclarationParser.CheckDimension("features", dimensions[0], 0, arguments, diagnostics);
            if (!(epsilon >= 0f) || float.IsInfinity(epsilon))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ArgumentOutOfRange,
                    arguments.NamedArgumentLocation("Epsilon"),
                    "Epsilon",
                    epsilon.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    "a finite number ≥ 0"));
            }

            if (residual < 0 || residual >= NormLayerModel.ResidualMembers.Length)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.ArgumentOutOfRange,
                    arguments.NamedArgumentLocation("Residual"),
                    "Residual",
                    residual,
                    "a named member of ResidualAdd (" + string.Join(", ", NormLayerModel.ResidualMembers) + ")"));
            }

            if (typeModel is not null && diagnostics.Count == 0)
            {
                model = new NormLayerModel(typeModel, kind, dimensions[0], epsilon, affine, affine && bias, NormLayerModel.ResidualMembers[residual]);
            }
        }

        return new ParseResult<NormLayerModel>(model, diagnostics.ToEquatableArray());
    }
}
