using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// The base of every generated RMS normalization (<see cref="RmsNormAttribute"/>). The weight
/// starts at 1, as in PyTorch.
/// </summary>
/// <remarks>
/// Per row of n values: <c>ms = sum(x²) / n</c>, squares accumulated with <c>fma(x, x, p)</c> in
/// the canonical 32-lane reduction; <c>r = rsqrt(ms + ε)</c> (<see cref="DetMath.Rsqrt(float)"/>);
/// <c>y = (x · r) · weight</c>, each product rounded. A declared <see cref="NormLayer.Residual"/> is fused:
/// <c>y = residual + RmsNorm(x)</c> or <c>y = RmsNorm(x + residual)</c>, with the bits of the separate steps.
/// </remarks>
public abstract class RmsNormLayer : NormLayer
{
    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="features">The declared row length.</param>
    /// <param name="epsilon">The declared ε.</param>
    /// <param name="elementwiseAffine">Whether a weight is applied.</param>
    /// <param name="residual">The declared residual add.</param>
    protected RmsNormLayer(int features, float epsilon, bool elementwiseAffine, ResidualAdd residual)
        : base(features, elementwiseAffine ? features : 0, residual)
    {
        Epsilon = epsilon;
        HasWeight = elementwiseAffine;
        var ones = new float[HasWeight ? features : 0];
        ones.AsSpan().Fill(1f);
        SetParameterRange(0, ones);
    }

    /// <summary>The ε added to the mean of squares.</summary>
    public float Epsilon { get; }

    /// <summary>Whether the normalized row is scaled by <see cref="Weight"/>.</summary>
    public bool HasWeight { get; }

    /// <summary>The weight, <c>[Features]</c>; empty without <see cref="HasWeight"/>.</summary>
    public ReadOnlySpan<float> Weight => Parameters;

    /// <summary>Sets the weight.</summary>
    /// <param name="weight"><c>[Features]</c> values; empty when the layer has no weight.</param>
    /// <exception cref="ArgumentException">The length does not match the declared shape.</exception>
    public void SetParameters(ReadOnlySpan<float> weight)
    {
        ParameterChecks.CheckVector(weight.Length, HasWeight, Features, nameof(weight), GetType().Name, "ElementwiseAffine = false");
        SetParameterRange(0, weight);
    }

    /// <inheritdoc/>
    internal override void CollectState(List<StateSlot> slots)
    {
        if (HasWeight)
        {
            slots.Add(ParameterSlot("weight", 0, Features, Features));
        }
    }
}
