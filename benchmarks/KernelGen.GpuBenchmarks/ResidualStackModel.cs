using System;
using System.Collections.Generic;
using KernelGen;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// The stack's parameters and its CPU forward pass (the fused declarations; their bits are the unfused chain's).
/// Linear weights and biases are N(0, 0.2) Philox draws, one stream per tensor; LayerNorm weight 1, bias 0.
/// </summary>
internal sealed class ResidualStackModel
{
    public ResidualStackModel()
    {
        ulong stream = 0;
        Fc1 = new StackLinearGelu[ResidualStackShape.Depth];
        Fc2 = new StackLinear[ResidualStackShape.Depth];
        for (int i = 0; i < ResidualStackShape.Depth; i++)
        {
            Fc1[i] = Normal(new StackLinearGelu(), ref stream);
            Fc2[i] = Normal(new StackLinear(), ref stream);
        }
    }

    /// <summary>Linear1 of each block, GELU fused.</summary>
    public StackLinearGelu[] Fc1 { get; }

    /// <summary>Linear2 of each block.</summary>
    public StackLinear[] Fc2 { get; }

    /// <summary>Each block's LayerNorm (weight 1, bias 0, as PyTorch initializes them): one layer serves LN1 of every block.</summary>
    public StackNorm Norm { get; } = new();

    /// <summary>LN2 with the residual add.</summary>
    public StackNormResidual NormResidual { get; } = new();

    /// <summary>The input, N(0, 1).</summary>
    public static float[] Input()
    {
        var x = new float[ResidualStackShape.Sequence * ResidualStackShape.Width];
        new PhiloxRandom(ResidualStackShape.InputSeed).FillNormal(x, 0f, 1f);
        return x;
    }

    /// <summary>Every parameter under the names of the PyTorch module tree (<c>blocks.3.fc1.weight</c>, …).</summary>
    public IEnumerable<(string Name, float[] Values, int[] Shape)> NamedParameters()
    {
        const int Width = ResidualStackShape.Width;
        for (int i = 0; i < ResidualStackShape.Depth; i++)
        {
            yield return ($"blocks.{i}.fc1.weight", Fc1[i].Weight.ToArray(), [Width, Width]);
            yield return ($"blocks.{i}.fc1.bias", Fc1[i].Bias.ToArray(), [Width]);
            yield return ($"blocks.{i}.fc2.weight", Fc2[i].Weight.ToArray(), [Width, Width]);
            yield return ($"blocks.{i}.fc2.bias", Fc2[i].Bias.ToArray(), [Width]);
            foreach (string norm in new[] { "ln1", "ln2" })
            {
                yield return ($"blocks.{i}.{norm}.weight", Norm.Weight.ToArray(), [Width]);
                yield return ($"blocks.{i}.{norm}.bias", Norm.Bias.ToArray(), [Width]);
            }
        }
    }

    /// <summary>The stack on the CPU: the output for <paramref name="input"/>.</summary>
    public float[] Forward(float[] input)
    {
        float[] x = (float[])input.Clone();
        var t1 = new float[x.Length];
        var t2 = new float[x.Length];
        for (int i = 0; i < ResidualStackShape.Depth; i++)
        {
            Norm.Forward(x, t1);
            Fc1[i].Forward(t1, t2);
            Fc2[i].Forward(t2, t1);
            NormResidual.Forward(t1, x, x);
        }

        return x;
    }

    private static TLayer Normal<TLayer>(TLayer layer, ref ulong stream)
        where TLayer : LinearLayer
    {
        var weight = new float[layer.InFeatures * layer.OutFeatures];
        var bias = new float[layer.OutFeatures];
        new PhiloxRandom(ResidualStackShape.WeightSeed, stream++).FillNormal(weight, 0f, ResidualStackShape.WeightStd);
        new PhiloxRandom(ResidualStackShape.WeightSeed, stream++).FillNormal(bias, 0f, ResidualStackShape.WeightStd);
        layer.SetParameters(weight, bias);
        return layer;
    }
}
