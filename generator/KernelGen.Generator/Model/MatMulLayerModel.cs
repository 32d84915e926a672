namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[MatMul]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="InnerSize">K.</param>
/// <param name="Columns">N.</param>
internal sealed record MatMulLayerModel(LayerTypeModel Type, int InnerSize, int Columns)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".MatMul.g.cs";
}
