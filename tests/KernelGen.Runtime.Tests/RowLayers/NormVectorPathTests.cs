using System;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>LayerNorm and RMSNorm on every SIMD path and 1–3 threads give the scalar path's bits, awkward values included.</summary>
public sealed class NormVectorPathTests
{
    public static TheoryData<int> Lengths => VectorPathCases.LengthData;

    public static TheoryData<string> Variants => new() { "PathLayerNorm33NoBias", "PathLayerNorm100Plain", "PathRmsNorm100Plain" };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LayerNorm_gives_the_scalar_bits_on_every_path(int length) => VectorPathCases.EveryPathGivesTheScalarBits(CreatePlain($"PathLayerNorm{length}"));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RmsNorm_gives_the_scalar_bits_on_every_path(int length) => VectorPathCases.EveryPathGivesTheScalarBits(CreatePlain($"PathRmsNorm{length}"));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variants_without_bias_or_weight_give_the_scalar_bits_on_every_path(string name) => VectorPathCases.EveryPathGivesTheScalarBits(CreatePlain(name));

    /// <summary>A layer of the vector-path types with non-trivial parameters (Philox), so that weight and bias reach the bits.</summary>
    internal static NormLayer CreatePlain(string name)
    {
        var layer = (NormLayer)VectorPathCases.Create(name);
        SetParameters(layer, seed: 17);
        return layer;
    }

    /// <summary>Weight in [0.5, 1.5] and bias in [−0.5, 0.5], the same for every layer of one length and seed.</summary>
    internal static void SetParameters(NormLayer layer, ulong seed)
    {
        var random = new PhiloxRandom(seed);
        switch (layer)
        {
            case LayerNormLayer norm:
                float[] weight = new float[norm.Weight.Length];
                float[] bias = new float[norm.Bias.Length];
                random.Fill(weight, 0.5f, 1.5f);
                random.Fill(bias, -0.5f, 0.5f);
                norm.SetParameters(weight, bias);
                break;
            case RmsNormLayer rms:
                float[] scale = new float[rms.Weight.Length];
                random.Fill(scale, 0.5f, 1.5f);
                rms.SetParameters(scale);
                break;
        }
    }
}
