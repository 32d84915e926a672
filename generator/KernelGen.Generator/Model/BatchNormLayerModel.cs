namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[BatchNorm1d]</c> or <c>[BatchNorm2d]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="SpatialDims">1 or 2.</param>
/// <param name="NumFeatures">The channels.</param>
/// <param name="Epsilon">Added to a variance.</param>
/// <param name="Momentum">The weight of a batch's statistics in the running ones.</param>
/// <param name="Affine">Whether weight and bias apply.</param>
internal sealed record BatchNormLayerModel(LayerTypeModel Type, int SpatialDims, int NumFeatures, float Epsilon, float Momentum, bool Affine)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + $".BatchNorm{SpatialDims}d.g.cs";
}
