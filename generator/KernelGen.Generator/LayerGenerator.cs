using System;
using System.Threading;
using KernelGen.Generator.Emitting;
using KernelGen.Generator.Model;
using KernelGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator;

/// <summary>
/// Expands layer declarations (<c>[KernelGen.Linear]</c>, <c>[KernelGen.LayerNorm]</c>, … on a
/// partial class) into fixed-order CPU and ILGPU kernels, and lists the children of a
/// <c>[KernelGen.Module]</c> class by their state-dict names. The pipeline only: each kind has its
/// parser (<c>Parsing/</c>), its equatable model (<c>Model/</c>) and its emitter (<c>Emitting/</c>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LayerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        Register(
            context,
            LinearLayerParser.AttributeMetadataName,
            LinearLayerParser.Parse,
            TrackingNames.ParseLinearLayers,
            TrackingNames.LinearLayerModels,
            static model => model.HintName,
            LinearLayerEmitter.Emit);
        Register(
            context,
            NormLayerParser.LayerNormMetadataName,
            static (syntax, cancellationToken) => NormLayerParser.Parse(syntax, NormKind.LayerNorm, cancellationToken),
            TrackingNames.ParseNormLayers,
            TrackingNames.NormLayerModels,
            static model => model.HintName,
            NormLayerEmitter.Emit);
        Register(
            context,
            NormLayerParser.RmsNormMetadataName,
            static (syntax, cancellationToken) => NormLayerParser.Parse(syntax, NormKind.RmsNorm, cancellationToken),
            TrackingNames.ParseNormLayers,
            TrackingNames.NormLayerModels,
            static model => model.HintName,
            NormLayerEmitter.Emit);
        Register(
            context,
            ActivationLayerParser.AttributeMetadataName,
            ActivationLayerParser.Parse,
            TrackingNames.ParseActivationLayers,
            TrackingNames.ActivationLayerModels,
            static model => model.HintName,
            ActivationLayerEmitter.Emit);
        Register(
            context,
            EmbeddingLayerParser.AttributeMetadataName,
            EmbeddingLayerParser.Parse,
            TrackingNames.ParseEmbeddingLayers,
            TrackingNames.EmbeddingLayerModels,
            static model => model.HintName,
            EmbeddingLayerEmitter.Emit);
        Register(
            context,
            AttentionLayerParser.AttributeMetadataName,
            AttentionLayerParser.Parse,
            TrackingNames.ParseAttentionLayers,
            TrackingNames.AttentionLayerModels,
            static model => model.HintName,
            AttentionLayerEmitter.Emit);
        Register(
            context,
            SoftmaxLayerParser.SoftmaxMetadataName,
            static (syntax, cancellationToken) => SoftmaxLayerParser.Parse(syntax, isLog: false, cancellationToken),
            TrackingNames.ParseSoftmaxLayers,
            TrackingNames.SoftmaxLayerModels,
            static model => model.HintName,
            SoftmaxLayerEmitter.Emit);
        Register(
            context,
            SoftmaxLayerParser.LogSoftmaxMetadataName,
            static (syntax, cancellationToken) => SoftmaxLayerParser.Parse(syntax, isLog: true, cancellationToken),
            TrackingNames.ParseSoftmaxLayers,
            TrackingNames.SoftmaxLayerModels,
            static model => model.HintName,
            SoftmaxLayerEmitter.Emit);
        Register(
            context,
            BatchNormLayerParser.BatchNorm1dMetadataName,
            static (syntax, cancellationToken) => BatchNormLayerParser.Parse(syntax, spatialDims: 1, cancellationToken),
            TrackingNames.ParseBatchNormLayers,
            TrackingNames.BatchNormLayerModels,
            static model => model.HintName,
            BatchNormLayerEmitter.Emit);
        Register(
            context,
            BatchNormLayerParser.BatchNorm2dMetadataName,
            static (syntax, cancellationToken) => BatchNormLayerParser.Parse(syntax, spatialDims: 2, cancellationToken),
            TrackingNames.ParseBatchNormLayers,
            TrackingNames.BatchNormLayerModels,
            static model => model.HintName,
            BatchNormLayerEmitter.Emit);
        Register(
            context,
            Conv1dLayerParser.AttributeMetadataName,
            Conv1dLayerParser.Parse,
            TrackingNames.ParseConv1dLayers,
            TrackingNames.Conv1dLayerModels,
            static model => model.HintName,
            Conv1dLayerEmitter.Emit);
        Register(
            context,
            MatMulLayerParser.AttributeMetadataName,
            MatMulLayerParser.Parse,
            TrackingNames.ParseMatMulLayers,
            TrackingNames.MatMulLayerModels,
            static model => model.HintName,
            MatMulLayerEmitter.Emit);
        Register(
            context,
            ModuleParser.AttributeMetadataName,
            ModuleParser.Parse,
            TrackingNames.ParseModules,
            TrackingNames.ModuleModels,
            static model => model.HintName,
            ModuleEmitter.Emit);
    }

    /// <summary>One layer kind's pipeline: attribute → parse result → diagnostics and, for a valid declaration, one file.</summary>
    private static void Register<TModel>(
        IncrementalGeneratorInitializationContext context,
        string attributeMetadataName,
        Func<GeneratorAttributeSyntaxContext, CancellationToken, ParseResult<TModel>> parse,
        string parseTrackingName,
        string modelTrackingName,
        Func<TModel, string> hintName,
        Func<TModel, string> emit)
        where TModel : class
    {
        IncrementalValuesProvider<ParseResult<TModel>> layers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: (syntax, cancellationToken) => parse(syntax, cancellationToken))
            .WithTrackingName(parseTrackingName);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = layers
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<TModel> models = layers
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(modelTrackingName);

        context.RegisterSourceOutput(diagnostics, static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(models, (context, model) => context.AddSource(hintName(model), emit(model)));
    }
}
