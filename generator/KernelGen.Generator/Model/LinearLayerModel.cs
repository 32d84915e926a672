namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Linear]</c> declaration: everything the emitter needs and nothing else.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="InFeatures">The dot-product length K.</param>
/// <param name="OutFeatures">The output row length N.</param>
/// <param name="HasBias">Whether a bias is added once after the dot product.</param>
/// <param name="Activation">The member name of <c>KernelGen.ActivationFunction</c> applied after the bias (for example <c>Gelu</c>), or <see langword="null"/> for none.</param>
/// <param name="Arithmetic">The member name of <c>KernelGen.KernelArithmetic</c>: <c>Bitwise</c> (the default) or <c>Exact</c>.</param>
internal sealed record LinearLayerModel(LayerTypeModel Type, int InFeatures, int OutFeatures, bool HasBias, string? Activation, string Arithmetic = LinearLayerModel.Bitwise)
{
    /// <summary>The GPU packed weight's row stride is a multiple of this many columns (runtime: LinearLayer.ColumnAlignment).</summary>
    public const int ColumnAlignment = 32;

    /// <summary>The default arithmetic's member name.</summary>
    public const string Bitwise = "Bitwise";

    /// <summary>The exact tier's member name.</summary>
    public const string Exact = "Exact";

    /// <summary>Whether the layer declares <c>Arithmetic = KernelArithmetic.Exact</c>.</summary>
    public bool IsExact => Arithmetic == Exact;

    /// <summary>The packed weight's row stride: <see cref="OutFeatures"/> rounded up to <see cref="ColumnAlignment"/>.</summary>
    public int PackedStride => (OutFeatures + ColumnAlignment - 1) / ColumnAlignment * ColumnAlignment;

    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".Linear.g.cs"; // hint names refuse '@' (a type named @class)
}
