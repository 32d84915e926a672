using System;

namespace KernelGen;

/// <summary>
/// Declares batch normalization over <see cref="NumFeatures"/> channels of an <c>(N, C)</c> or
/// <c>(N, C, L)</c> input (PyTorch's <c>nn.BatchNorm1d</c>). Apply it to a <c>partial</c> class; the
/// generator makes it derive from <see cref="BatchNormLayer"/>. Semantics: docs/layers/batchnorm.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BatchNorm1dAttribute : LayerAttribute
{
    /// <summary>Declares batch normalization over <paramref name="numFeatures"/> channels.</summary>
    /// <param name="numFeatures">The channels C; 1 to 1,048,576.</param>
    public BatchNorm1dAttribute(int numFeatures)
    {
        NumFeatures = numFeatures;
    }

    /// <summary>The channels.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance. Defaults to 1e-5, as in PyTorch.</summary>
    public float Epsilon { get; set; } = 1e-5f;

    /// <summary>The weight of a batch's statistics in the running statistics. Defaults to 0.1, as in PyTorch.</summary>
    public float Momentum { get; set; } = 0.1f;

    /// <summary>Whether a learned weight and bias are applied. Defaults to <see langword="true"/>.</summary>
    public bool Affine { get; set; } = true;
}

/// <summary>
/// Declares batch normalization over <see cref="NumFeatures"/> channels of an <c>(N, C, H, W)</c> input
/// (PyTorch's <c>nn.BatchNorm2d</c>). Apply it to a <c>partial</c> class; the generator makes it derive
/// from <see cref="BatchNormLayer"/>. Semantics: docs/layers/batchnorm.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BatchNorm2dAttribute : LayerAttribute
{
    /// <summary>Declares batch normalization over <paramref name="numFeatures"/> channels.</summary>
    /// <param name="numFeatures">The channels C; 1 to 1,048,576.</param>
    public BatchNorm2dAttribute(int numFeatures)
    {
        NumFeatures = numFeatures;
    }

    /// <summary>The channels.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance. Defaults to 1e-5, as in PyTorch.</summary>
    public float Epsilon { get; set; } = 1e-5f;

    /// <summary>The weight of a batch's statistics in the running statistics. Defaults to 0.1, as in PyTorch.</summary>
    public float Momentum { get; set; } = 0.1f;

    /// <summary>Whether a learned weight and bias are applied. Defaults to <see langword="true"/>.</summary>
    public bool Affine { get; set; } = true;
}
