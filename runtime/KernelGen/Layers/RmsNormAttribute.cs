using System;

namespace KernelGen;

/// <summary>
/// Declares a root-mean-square normalization over rows of <see cref="Features"/> values (PyTorch's
/// <c>nn.RMSNorm(features)</c>): <c>y = x · rsqrt(mean(x²) + ε) · weight</c>, the mean of squares
/// from a canonical 32-lane reduction. Apply it to a <c>partial</c> class; the generator makes it
/// derive from <see cref="RmsNormLayer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RmsNormAttribute : LayerAttribute
{
    /// <summary>Declares an RMS normalization over rows of <paramref name="features"/> values.</summary>
    /// <param name="features">The row length; 1 to 1,048,576.</param>
    public RmsNormAttribute(int features)
    {
        Features = features;
    }

    /// <summary>The row length.</summary>
    public int Features { get; }

    /// <summary>Added to the mean of squares. Defaults to float32's machine epsilon (2⁻²³), PyTorch's default.</summary>
    public float Epsilon { get; set; } = 1.1920929e-07f;

    /// <summary>Whether the normalized row is scaled by a learned weight. Defaults to <see langword="true"/>.</summary>
    public bool ElementwiseAffine { get; set; } = true;

    /// <summary>
    /// A residual add fused into the layer. Defaults to <see cref="ResidualAdd.None"/>.
    /// <see cref="ResidualAdd.AfterNorm"/> gives <c>y = residual + RmsNorm(x)</c> (a pre-norm residual stream:
    /// <c>x = x + norm(t)</c>); <see cref="ResidualAdd.BeforeNorm"/> gives <c>y = RmsNorm(x + residual)</c> (a post-norm
    /// block). The layer is then called as
    /// <c>Forward(input, residual, output)</c>, with exactly the bits of the separate add and normalization.
    /// </summary>
    public ResidualAdd Residual { get; set; }
}
