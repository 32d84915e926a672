namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Attention]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="Heads">The number of heads.</param>
/// <param name="HeadDim">The length of a head's query, key and value.</param>
internal sealed record AttentionLayerModel(LayerTypeModel Type, int Heads, int HeadDim)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".Attention.g.cs";
}
