using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// The base of every generated layer normalization (<see cref="LayerNormAttribute"/>). Parameters
/// start as PyTorch's: weight 1, bias 0.
/// </summary>
/// <remarks>
/// Per row of n values: <c>mean = sum(x) / n</c>; <c>var = sum((x − mean)²) / n</c> (two passes,
/// biased); <c>r = rsqrt(var + ε)</c> (<see cref="DetMath.Rsqrt(float)"/>);
/// <c>y = fma((x − mean) · r, weight, bias)</c>. Both sums are canonical 32-lane reductions, the
/// squares accumulated with <c>fma(d, d, p)</c>. A declared <see cref="NormLayer.Residual"/> is fused:
/// <c>y = residual + LayerNorm(x)</c> or <c>y = LayerNorm(x + residual)</c>, with the bits of the separate steps.
/// </remarks>
public abstract class LayerNormLayer : NormLayer
{
    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="features">The declared row length.</param>
    /// <param name="epsilon">The declared ε.</param>
    /// <param name="elementwiseAffine">Whether a weight (and maybe a bias) is applied.</param>
    /// <param name="bias">Whether a bias is added (only with <paramref name="elementwiseAffine"/>).</param>
    /// <param name="residual">The declared residual add.</param>
    protected LayerNormLayer(int features, float epsilon, bool elementwiseAffine, bool bias, ResidualAdd residual)
        : base(features, ParameterCount(features, elementwiseAffine, bias), residual)
    {
        Epsilon = epsilon;
        HasWeight = elementwiseAffine;
        HasBias = elementwiseAffine && bias;
        SetParameterRange(0, OnesOf(HasWeight ? features : 0));
    }

    /// <summary>The ε added to the variance.</summary>
    public float Epsilon { get; }

    /// <summary>Whether the normalized row is scaled by <see cref="Weight"/>.</summary>
    public bool HasWeight { get; }

    /// <summary>Whether <see cref="Bias"/> is added.</summary>
    public bool HasBias { get; }

    /// <summary>The weight, <c>[Features]</c>; empty without <see cref="HasWeight"/>.</summary>
    public ReadOnlySpan<float> Weight => Parameters[..(HasWeight ? Features : 0)];

    /// <summary>The bias, <c>[Features]</c>; empty without <see cref="HasBias"/>.</summary>
    public ReadOnlySpan<float> Bias => HasBias ? Parameters.Slice(Features, Features) : [];

    /// <summary>Sets the weight and the bias.</summary>
    /// <param name="weight"><c>[Features]</c> values; empty when the layer has no weight.</param>
    /// <param name="bias"><c>[Features]</c> values; empty when the layer has no bias.</param>
    /// <exception cref="ArgumentException">A length does not match the declared shape.</exception>
    public void SetParameters(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias)
    {
        ParameterChecks.CheckVector(weight.Length, HasWeight, Features, nameof(weight), GetType().Name, "ElementwiseAffine = false");
        ParameterChecks.CheckVector(bias.Length, HasBias, Features, nameof(bias), GetType().Name, HasWeight ? "Bias = false" : "ElementwiseAffine = false");
        SetParameterRange(0, weight);
        SetParameterRange(Weight.Length, bias);
    }

    /// <inheritdoc/>
    internal override void CollectState(List<StateSlot> slots)
    {
        if (HasWeight)
        {
            slots.Add(ParameterSlot("weight", 0, Features, Features));
        }

        if (HasBias)
        {
            slots.Add(ParameterSlot("bias", Features, Features, Features));
        }
    }

    private static int ParameterCount(int features, bool elementwiseAffine, bool bias) =>
        elementwiseAffine ? (bias ? 2 * features : features) : 0;

    private static float[] OnesOf(int length)
    {
        var ones = new float[length];
        ones.AsSpan().Fill(1f);
        return ones;
    }
}
