namespace KernelGen.Generator;

/// <summary>Names of the incremental steps, for tests that check which steps stay cached.</summary>
internal static class TrackingNames
{
    public const string ParseLinearLayers = nameof(ParseLinearLayers);
    public const string ParseNormLayers = nameof(ParseNormLayers);
    public const string ParseActivationLayers = nameof(ParseActivationLayers);
    public const string ParseEmbeddingLayers = nameof(ParseEmbeddingLayers);
    public const string ParseAttentionLayers = nameof(ParseAttentionLayers);
    public const string ParseSoftmaxLayers = nameof(ParseSoftmaxLayers);
    public const string ParseBatchNormLayers = nameof(ParseBatchNormLayers);
    public const string ParseConv1dLayers = nameof(ParseConv1dLayers);
    public const string ParseMatMulLayers = nameof(ParseMatMulLayers);
    public const string ParseModules = nameof(ParseModules);
    public const string Diagnostics = nameof(Diagnostics);
    public const string LinearLayerModels = nameof(LinearLayerModels);
    public const string NormLayerModels = nameof(NormLayerModels);
    public const string ActivationLayerModels = nameof(ActivationLayerModels);
    public const string EmbeddingLayerModels = nameof(EmbeddingLayerModels);
    public const string AttentionLayerModels = nameof(AttentionLayerModels);
    public const string SoftmaxLayerModels = nameof(SoftmaxLayerModels);
    public const string BatchNormLayerModels = nameof(BatchNormLayerModels);
    public const string Conv1dLayerModels = nameof(Conv1dLayerModels);
    public const string MatMulLayerModels = nameof(MatMulLayerModels);
    public const string ModuleModels = nameof(ModuleModels);
}
