namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Softmax]</c> or <c>[LogSoftmax]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="Features">The row length.</param>
/// <param name="IsLog">Whether it is a log-softmax.</param>
internal sealed record SoftmaxLayerModel(LayerTypeModel Type, int Features, bool IsLog)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + (IsLog ? ".LogSoftmax.g.cs" : ".Softmax.g.cs");
}
