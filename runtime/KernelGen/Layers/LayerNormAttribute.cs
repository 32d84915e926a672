using System;

namespace KernelGen;

/// <summary>
/// Declares a layer normalization over rows of <see cref="Features"/> values (PyTorch's
/// <c>nn.LayerNorm(features)</c>): <c>y = (x − mean) · rsqrt(var + ε) · weight + bias</c>, with the
/// mean and the biased variance from canonical 32-lane reductions (docs/arithmetic.md). Apply it to
/// a <c>partial</c> class; the generator makes it derive from <see cref="LayerNormLayer"/>.
/// </summary>
/// <example>
/// <code>
/// [LayerNorm(768)]
/// public sealed partial class BlockNorm;
///
/// // x = x + LayerNorm(t) in one pass over each row: norm.Forward(t, x, x)
/// [LayerNorm(768, Residual = ResidualAdd.AfterNorm)]
/// public sealed partial class ResidualNorm;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Declares a layer normalization over rows of <paramref name="features"/> values.</summary>
    /// <param name="features">The row length; 1 to 1,048,576.</param>
    public LayerNormAttribute(int features)
    {
        Features = features;
    }

    /// <summary>The row length.</summary>
    public int Features { get; }

    /// <summary>Added to the variance before the reciprocal square root. Defaults to 1e-5, as in PyTorch.</summary>
    public float Epsilon { get; set; } = 1e-5f;

    /// <summary>Whether the normalized row is scaled by a learned weight (and shifted by a bias when <see cref="Bias"/>). Defaults to <see langword="true"/>.</summary>
    public bool ElementwiseAffine { get; set; } = true;

    /// <summary>Whether a learned bias is added (only with <see cref="ElementwiseAffine"/>). Defaults to <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>
    /// A residual add fused into the layer. Defaults to <see cref="ResidualAdd.None"/>.
    /// <see cref="ResidualAdd.AfterNorm"/> gives <c>y = residual + LayerNorm(x)</c> (a pre-norm residual stream:
    /// <c>x = x + norm(t)</c>); <see cref="ResidualAdd.BeforeNorm"/> gives <c>y = LayerNorm(x + residual)</c> (a post-norm
    /// block such as BERT's <c>LayerNorm(hidden + input)</c>). The layer is then called as
    /// <c>Forward(input, residual, output)</c>, with exactly the bits of the separate add and normalization.
    /// </summary>
    public ResidualAdd Residual { get; set; }
}
