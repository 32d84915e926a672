using System;

namespace KernelGen.Runtime.Tests.Exact;

/// <summary>Inputs and weights that reach every branch of the definition.</summary>
internal static class ExactCases
{
    /// <summary>The value kinds <see cref="Fill"/> draws from.</summary>
    public static readonly string[] KindNames = ["normal", "mixed", "subnormal", "huge", "sparse", "powers", "ties"];

    /// <summary>Fills <paramref name="values"/> with numbers of <paramref name="kind"/>, from <paramref name="seed"/>.</summary>
    public static void Fill(Span<float> values, string kind, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = kind switch
            {
                "normal" => Gaussian(random),
                "mixed" => (float)Math.ScaleB(Gaussian(random), random.Next(-60, 61)), // magnitudes far below the row's largest
                "subnormal" => BitConverter.Int32BitsToSingle(random.Next(0, 0x80_0000) | (random.Next(2) << 31)),
                "huge" => (float)(random.NextDouble() * 2 - 1) * 3.4e38f,
                "sparse" => random.Next(8) == 0 ? Gaussian(random) : 0f,
                "powers" => (random.Next(2) == 0 ? 1f : -1f) * (float)Math.ScaleB(1.0, random.Next(-149, 128)),
                // Integers and half-integers at scales where q lands on .5: the ties of the quantization.
                "ties" => (float)Math.ScaleB(random.Next(-(1 << 24), 1 << 24), random.Next(-30, 5)),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        }
    }

    public static float Gaussian(Random random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }

    /// <summary>A layer of <typeparamref name="TLayer"/> with weights of <paramref name="kind"/> and a bias of normal numbers.</summary>
    public static TLayer Layer<TLayer>(string kind, int seed)
        where TLayer : LinearLayer, new()
    {
        var layer = new TLayer();
        var weight = new float[layer.InFeatures * layer.OutFeatures];
        var bias = new float[layer.HasBias ? layer.OutFeatures : 0];
        Fill(weight, kind, seed);
        Fill(bias, "normal", seed + 1);
        layer.SetParameters(weight, bias);
        return layer;
    }

    /// <summary>The reference outputs of every row of <paramref name="input"/>.</summary>
    public static float[] Reference(LinearLayer layer, ReadOnlySpan<float> input)
    {
        int rows = input.Length / layer.InFeatures;
        var output = new float[rows * layer.OutFeatures];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> x = input.Slice(r * layer.InFeatures, layer.InFeatures);
            for (int j = 0; j < layer.OutFeatures; j++)
            {
                float y = ExactReference.Output(x, layer.Weight.Slice(j * layer.InFeatures, layer.InFeatures), layer.HasBias ? layer.Bias[j] : null);
                output[(r * layer.OutFeatures) + j] = layer.Activation is { } f ? ActivationKernels.Apply(f, y) : y;
            }
        }

        return output;
    }
}
