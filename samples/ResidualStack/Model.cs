using System;
using System.Diagnostics;
using KernelGen;

namespace ResidualStack;

/// <summary>
/// The stack: <see cref="Depth"/> <see cref="Block"/>s. Linear weights and biases are N(0, 0.2) draws from Philox
/// (one stream per tensor, so the same on every machine); LayerNorm weights 1, biases 0 (PyTorch's
/// initialization). Its parameters are named as PyTorch names them (<c>blocks.3.fc1.weight</c>), and one
/// <see cref="Forward"/> runs on the host or, after <c>To(gpu)</c>, on the GPU.
/// </summary>
[Module]
internal sealed partial class Model : Module
{
    public const int Width = 768;
    public const int Depth = 20;
    public const float WeightStd = 0.2f;

    private readonly Block[] _blocks;

    public Model(ulong seed)
    {
        _blocks = new Block[Depth];
        ulong stream = 0;
        for (int i = 0; i < Depth; i++)
        {
            _blocks[i] = new Block(NormalLinear(new BlockLinearGelu(), seed, ref stream), NormalLinear(new BlockLinear(), seed, ref stream));
        }
    }

    /// <summary>Runs the stack on <paramref name="x"/>'s device; <paramref name="afterBlock"/> sees the activations after each block.</summary>
    public Tensor Forward(Tensor x, Action<int, Tensor>? afterBlock = null)
    {
        Tensor h = x;
        for (int i = 0; i < Depth; i++)
        {
            Tensor next = _blocks[i].Forward(h);
            if (!ReferenceEquals(h, x))
            {
                h.Dispose();
            }

            h = next;
            afterBlock?.Invoke(i, h);
        }

        return h;
    }

    /// <summary>Runs the stack once on <paramref name="gpu"/> with a synchronization after every kernel and returns the time per kind of step.</summary>
    public (string Kind, double Milliseconds)[] Profile(GpuDevice gpu, Tensor x)
    {
        var milliseconds = new double[Enum.GetValues<Block.BlockStep>().Length];
        var clock = new Stopwatch();
        Tensor Time(Block.BlockStep kind, Func<Tensor> step)
        {
            clock.Restart();
            Tensor result = step();
            gpu.Synchronize();
            milliseconds[(int)kind] += clock.Elapsed.TotalMilliseconds;
            return result;
        }

        using var scope = TensorScope.Begin();
        gpu.Synchronize();
        Tensor h = x;
        foreach (Block block in _blocks)
        {
            h = block.Forward(h, Time);
        }

        return
        [
            ("LayerNorm x40", milliseconds[(int)Block.BlockStep.LayerNorm]),
            ("Linear+GELU 768x768 x20", milliseconds[(int)Block.BlockStep.LinearGelu]),
            ("Linear 768x768 x20", milliseconds[(int)Block.BlockStep.Linear]),
            ("residual add x20", milliseconds[(int)Block.BlockStep.ResidualAdd]),
        ];
    }

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
}
