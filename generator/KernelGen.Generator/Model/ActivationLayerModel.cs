namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Activation]</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="Function">The member name of <c>KernelGen.ActivationFunction</c>, for example <c>Gelu</c>.</param>
/// <param name="Features">The row length.</param>
internal sealed record ActivationLayerModel(LayerTypeModel Type, string Function, int Features)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".Activation.g.cs";
}
