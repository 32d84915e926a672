using System;
using System.Collections.Generic;
using Xunit;

namespace KernelGen.Runtime.Tests.Fusion;

/// <summary>A Linear with a declared activation, and the plain Linear and [Activation] layer it must equal when composed.</summary>
/// <param name="CreateFused">The fused layer, without parameters.</param>
/// <param name="CreatePlain">The same Linear without the activation.</param>
/// <param name="CreateActivation">The activation layer of the same function over OutFeatures.</param>
/// <param name="Rows">Batch sizes that reach every row tile (6, 4, 2, 1) and the lone-row tile.</param>
public sealed record FusedCase(Func<LinearLayer> CreateFused, Func<LinearLayer> CreatePlain, Func<ActivationLayer> CreateActivation, int[] Rows);

/// <summary>The fused layers under test, with seeded parameters and inputs that hold NaN and ±∞.</summary>
public static class FusedCases
{
    private static readonly int[] SmallBatches = [1, 3, 5, 13];

    private static readonly Dictionary<string, FusedCase> Cases = new()
    {
        ["Relu7x100"] = new(() => new Relu7x100(), () => new Plain7x100(), () => new Relu100(), SmallBatches),
        ["Gelu7x100"] = new(() => new Gelu7x100(), () => new Plain7x100(), () => new Gelu100(), SmallBatches),
        ["GeluTanh7x100"] = new(() => new GeluTanh7x100(), () => new Plain7x100(), () => new GeluTanh100(), SmallBatches),
        ["Silu7x100"] = new(() => new Silu7x100(), () => new Plain7x100(), () => new Silu100(), SmallBatches),
        ["Tanh7x100"] = new(() => new Tanh7x100(), () => new Plain7x100(), () => new Tanh100(), SmallBatches),
        ["Sigmoid7x100"] = new(() => new Sigmoid7x100(), () => new Plain7x100(), () => new Sigmoid100(), SmallBatches),
        ["Sigmoid1x1"] = new(() => new Sigmoid1x1(), () => new Plain1x1(), () => new Sigmoid1(), SmallBatches),
        ["Relu1x1NoBias"] = new(() => new Relu1x1NoBias(), () => new Plain1x1NoBias(), () => new Relu1(), SmallBatches),
        ["GeluTanh3x17"] = new(() => new GeluTanh3x17(), () => new Plain3x17(), () => new GeluTanh17(), SmallBatches),
        ["Silu3x17NoBias"] = new(() => new Silu3x17NoBias(), () => new Plain3x17NoBias(), () => new Silu17(), SmallBatches),
        ["Gelu768x3072"] = new(() => new Gelu768x3072(), () => new Plain768x3072(), () => new Gelu3072(), [1, 64]),
        ["Tanh4096x64"] = new(() => new Tanh4096x64(), () => new Plain4096x64(), () => new Tanh64(), [1, 9]),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    public static FusedCase Get(string name) => Cases[name];

    /// <summary>The fused layer <paramref name="name"/> with parameters drawn from <paramref name="seed"/>.</summary>
    public static LinearLayer CreateFused(string name, ulong seed = 31)
    {
        LinearLayer layer = Cases[name].CreateFused();
        layer.InitializeUniform(seed);
        return layer;
    }

    /// <summary>What the fused layer must give: its parameters in the plain Linear, then the activation layer.</summary>
    public static float[] Unfused(string name, LinearLayer fused, ReadOnlySpan<float> input)
    {
        FusedCase fusedCase = Cases[name];
        LinearLayer plain = fusedCase.CreatePlain();
        plain.SetParameters(fused.Weight, fused.Bias);
        ActivationLayer activation = fusedCase.CreateActivation();
        Assert.Null(plain.Activation);
        Assert.Equal(activation.Function, fused.Activation);
        return activation.Forward(plain.Forward(input));
    }

    /// <summary>
    /// Rows uniform in [-2, 2) with every 7th value ×1024 (outputs far out on both sides of each function),
    /// and, from the second row on, in turn a NaN, a +∞, a −∞ and a row of ±10³⁰ (chains that overflow to ±∞ or
    /// make ∞ − ∞); the first row and every fifth are ordinary.
    /// </summary>
    public static float[] Input(LinearLayer layer, int rows, ulong seed)
    {
        int k = layer.InFeatures;
        var input = new float[rows * k];
        new PhiloxRandom(seed, stream: 3).Fill(input, -2f, 2f);
        for (int i = 0; i < input.Length; i += 7)
        {
            input[i] *= 1024f;
        }

        for (int row = 1; row < rows; row++)
        {
            Span<float> values = input.AsSpan(row * k, k);
            int at = (row * 5) % k;
            switch (row % 5)
            {
                case 1:
                    values[at] = float.NaN;
                    break;
                case 2:
                    values[at] = float.PositiveInfinity;
                    break;
                case 3:
                    values[at] = float.NegativeInfinity;
                    break;
                case 4:
                    for (int i = 0; i < k; i++)
                    {
                        values[i] *= 1e30f;
                    }

                    break;
            }
        }

        return input;
    }
}
