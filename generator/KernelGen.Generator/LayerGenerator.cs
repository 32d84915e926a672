using KernelGen.Generator.Emitting;
using KernelGen.Generator.Model;
using KernelGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator;

/// <summary>
/// Expands layer declarations (<c>[KernelGen.Linear]</c> on a partial class) into fixed-order CPU
/// SIMD and ILGPU kernels. The pipeline only: parsing is in <see cref="LinearLayerParser"/>,
/// emission in <see cref="LinearLayerEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LayerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult<LinearLayerModel>> linearLayers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LinearLayerParser.AttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => LinearLayerParser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.ParseLinearLayers);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = linearLayers
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<LinearLayerModel> models = linearLayers
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.LinearLayerModels);

        context.RegisterSourceOutput(diagnostics, static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(models, static (context, model) => context.AddSource(model.HintName, LinearLayerEmitter.Emit(model)));
    }
}
