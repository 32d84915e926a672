namespace KernelGen.Generator.Model;

/// <summary>Which normalization a <see cref="NormLayerModel"/> declares.</summary>
internal enum NormKind
{
    /// <summary><c>[LayerNorm]</c>: mean and biased variance.</summary>
    LayerNorm,

    /// <summary><c>[RmsNorm]</c>: mean of squares.</summary>
    RmsNorm,
}

/// <summary>A valid <c>[LayerNorm]</c> or <c>[RmsNorm]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="Kind">Which normalization.</param>
/// <param name="Features">The row length.</param>
/// <param name="Epsilon">Added before the reciprocal square root.</param>
/// <param name="HasWeight">Whether a learned weight scales the result.</param>
/// <param name="HasBias">Whether a learned bias is added (LayerNorm only).</param>
/// <param name="Residual">The member name of <c>KernelGen.ResidualAdd</c>: <c>None</c>, <c>AfterNorm</c> or <c>BeforeNorm</c>.</param>
internal sealed record NormLayerModel(LayerTypeModel Type, NormKind Kind, int Features, float Epsilon, bool HasWeight, bool HasBias, string Residual)
{
    /// <summary>The members of <c>KernelGen.ResidualAdd</c>, by value.</summary>
    public static readonly string[] ResidualMembers = ["None", "AfterNorm", "BeforeNorm"];


    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + "." + Kind + ".g.cs";
}
