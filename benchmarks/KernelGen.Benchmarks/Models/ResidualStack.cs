using System;

namespace KernelGen.Benchmarks;

// The residual stack of samples/ResidualStack, declared as a user would. Unfused on purpose: when the fused
// declarations land, fc1 + GELU becomes one [Linear(Width, Width, Activation = ActivationFunction.Gelu)] and
// ln2 + the residual add one [LayerNorm(Width, Residual = …)]; only this file changes.

/// <summary>The blocks' LayerNorm over the model width (ε 1e-5, PyTorch's default).</summary>
[LayerNorm(ResidualStack.Width)]
public sealed partial class StackNorm;

/// <summary>The blocks' two projections, width → width, with bias.</summary>
[Linear(ResidualStack.Width, ResidualStack.Width)]
public sealed partial class StackLinear;

/// <summary>The blocks' activation, GELU in its erf form.</summary>
[Activation(ActivationFunction.Gelu, ResidualStack.Width)]
public sealed partial class StackGelu;

/// <summary>
/// <c>x = x + ln2(fc2(gelu(fc1(ln1(x)))))</c>, <see cref="Depth"/> times, at width 768. Linear weights and
/// biases are N(0, 0.2) draws from Philox, one stream per tensor (the sample's draws for the same seed);
/// LayerNorm weights 1, biases 0. Not thread-safe: it reuses two scratch buffers.
/// </summary>
internal sealed class ResidualStack
{
    public const int Width = 768;
    public const int Depth = 20;
    public const float WeightStd = 0.2f;

    private readonly StackGelu _gelu = new();
    private float[] _t1 = [], _t2 = [];

    public ResidualStack(ulong seed)
    {
        Blocks = new Block[Depth];
        ulong stream = 0;
        for (int i = 0; i < Depth; i++)
        {
            Blocks[i] = new Block(new StackNorm(), NormalLinear(seed, ref stream), NormalLinear(seed, ref stream), new StackNorm());
        }
    }

    public Block[] Blocks { get; }

    /// <summary>Runs the stack in place on <paramref name="x"/> (rows of <see cref="Width"/>); <paramref name="clock"/> laps after every layer.</summary>
    public void Forward(Span<float> x, CpuExecutionOptions options, LayerClock? clock = null)
    {
        Span<float> t1 = Scratch(ref _t1, x.Length), t2 = Scratch(ref _t2, x.Length);
        clock?.Start();
        foreach (Block block in Blocks)
        {
            block.Ln1.Forward(x, t1, options);
            clock?.Lap(LayerKind.LayerNorm);
            block.Fc1.Forward(t1, t2, options);
            clock?.Lap(LayerKind.Linear);
            _gelu.Forward(t2, t2, options);
            clock?.Lap(LayerKind.Gelu);
            block.Fc2.Forward(t2, t1, options);
            clock?.Lap(LayerKind.Linear);
            block.Ln2.Forward(t1, t1, options);
            clock?.Lap(LayerKind.LayerNorm);
            Elementwise.Add(x, t1, x);
            clock?.Lap(LayerKind.ResidualAdd);
        }
    }

    private static Span<float> Scratch(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer.AsSpan(0, length);
    }

    private static StackLinear NormalLinear(ulong seed, ref ulong stream)
    {
        var weight = new float[Width * Width];
        var bias = new float[Width];
        new PhiloxRandom(seed, stream++).FillNormal(weight, 0f, WeightStd);
        new PhiloxRandom(seed, stream++).FillNormal(bias, 0f, WeightStd);
        var layer = new StackLinear();
        layer.SetParameters(weight, bias);
        return layer;
    }

    internal sealed record Block(StackNorm Ln1, StackLinear Fc1, StackLinear Fc2, StackNorm Ln2);
}
