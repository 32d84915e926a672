namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Embedding]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="NumEmbeddings">The number of ids.</param>
/// <param name="EmbeddingDim">The length of a row.</param>
/// <param name="PaddingIndex">The padding id, or −1.</param>
internal sealed record EmbeddingLayerModel(LayerTypeModel Type, int NumEmbeddings, int EmbeddingDim, int PaddingIndex)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".Embedding.g.cs";
}
