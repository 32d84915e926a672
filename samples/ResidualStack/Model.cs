using System;
using System.Collections.Generic;
using KernelGen;

namespace ResidualStack;

/// <summary>
/// The stack: <c>x = x + ln2(fc2(gelu(fc1(ln1(x)))))</c>, <see cref="Depth"/> times, with the GELU fused into
/// fc1 (<see cref="BlockLinearGelu"/>). Linear weights and biases are N(0, 0.2) draws from Philox (one stream per
/// tensor, so the same on every machine); LayerNorm weights 1, biases 0 (PyTorch's initialization).
/// </summary>
internal sealed class Model
{
    public const int Width = 768;
    public const int Depth = 20;
    public const float WeightStd = 0.2f;

    public Model(ulong seed)
    {
        Blocks = new Block[Depth];
        ulong stream = 0;
        for (int i = 0; i < Depth; i++)
        {
            Blocks[i] = new Block(new BlockNorm(), NormalLinear(new BlockLinearGelu(), seed, ref stream), NormalLinear(new BlockLinear(), seed, ref stream), new BlockNorm());
        }
    }

    public Block[] Blocks { get; }

    /// <summary>Every parameter under PyTorch's names for the same module tree (<c>blocks.3.fc1.weight</c>, …).</summary>
    public IEnumerable<(string Name, float[] Values, int[] Shape)> NamedParameters()
    {
        for (int i = 0; i < Depth; i++)
        {
            Block block = Blocks[i];
            foreach ((string name, LinearLayer linear) in new[] { ("fc1", (LinearLayer)block.Fc1), ("fc2", block.Fc2) })
            {
                yield return ($"blocks.{i}.{name}.weight", linear.Weight.ToArray(), [Width, Width]);
                yield return ($"blocks.{i}.{name}.bias", linear.Bias.ToArray(), [Width]);
            }

            foreach ((string name, LayerNormLayer norm) in new[] { ("ln1", (LayerNormLayer)block.Ln1), ("ln2", block.Ln2) })
            {
                yield return ($"blocks.{i}.{name}.weight", norm.Weight.ToArray(), [Width]);
                yield return ($"blocks.{i}.{name}.bias", norm.Bias.ToArray(), [Width]);
            }
        }
    }

    /// <summary>Runs the stack on the CPU, in place on <paramref name="x"/>; <paramref name="afterBlock"/> sees x after each block.</summary>
    public void Forward(float[] x, Action<int, float[]>? afterBlock = null)
    {
        var t1 = new float[x.Length];
        var t2 = new float[x.Length];
        for (int i = 0; i < Depth; i++)
        {
            Block block = Blocks[i];
            block.Ln1.Forward(x, t1);
            block.Fc1.Forward(t1, t2); // and the GELU
            block.Fc2.Forward(t2, t1);
            block.Ln2.Forward(t1, t1);
            Elementwise.Add(x, t1, x);
            afterBlock?.Invoke(i, x);
        }
    }

    /// <summary>Copies the stack to <paramref name="device"/>.</summary>
    public GpuModel ToGpu(GpuDevice device) => new(device, this);

    private static TLayer NormalLinear<TLayer>(TLayer layer, ulong seed, ref ulong stream)
        where TLayer : LinearLayer
    {
        var weight = new float[Width * Width];
        var bias = new float[Width];
        new PhiloxRandom(seed, stream++).FillNormal(weight, 0f, WeightStd);
        new PhiloxRandom(seed, stream++).FillNormal(bias, 0f, WeightStd);
        layer.SetParameters(weight, bias);
        return layer;
    }

    internal sealed record Block(BlockNorm Ln1, BlockLinearGelu Fc1, BlockLinear Fc2, BlockNorm Ln2);
}
