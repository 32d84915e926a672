using System;

namespace KernelGen.Benchmarks;

// The residual stack of samples/ResidualStack, declared as a user would: fused (fc1 + GELU one [Linear] with its
// activation, ln2 + the residual add one [LayerNorm] with Residual = AfterNorm), or, for the per-kind profile,
// the unfused chain of the same weights (Fused = false): both give the same bits.

/// <summary>The blocks' LayerNorm over the model width (ε 1e-5, PyTorch's default).</summary>
[LayerNorm(ResidualStack.Width)]
public sealed partial class StackNorm;

/// <summary>The blocks' two projections, width → width, with bias.</summary>
[Linear(ResidualStack.Width, ResidualStack.Width)]
public sealed partial class StackLinear;

/// <summary>fc1 fused with its GELU (erf form): the bits of <see cref="StackLinear"/> then <see cref="StackGelu"/>.</summary>
[Linear(ResidualStack.Width, ResidualStack.Width, Activation = ActivationFunction.Gelu)]
public sealed partial class StackLinearGelu;

/// <summary>ln2 fused with the residual add: <c>x + ln2(t)</c>, the bits of <see cref="StackNorm"/> then the add.</summary>
[LayerNorm(ResidualStack.Width, Residual = ResidualAdd.AfterNorm)]
public sealed partial class StackResidualNorm;

/// <summary>The blocks' activation, GELU in its erf form (unfused chain only).</summary>
[Activation(ActivationFunction.Gelu, ResidualStack.Width)]
public sealed partial class StackGelu;

/// <summary>
/// <c>x = x + ln2(fc2(gelu(fc1(ln1(x)))))</c>, <see cref="Depth"/> times, at width 768. Linear weights and
/// biases are N(0, σ) draws from Philox, one stream per tensor, σ = <see cref="WeightStd"/> by default (the sample's
/// draws for the same seed); LayerNorm weights 1, biases 0. Not thread-safe: it reuses two scratch buffers.
/// </summary>
internal sealed class ResidualStack
{
    public const int Width = 768;
    public const int Depth = 20;
    public const float WeightStd = 0.2f;

    /// <summary>
    /// The standard deviation of PyTorch's default <c>nn.Linear</c> weights at width 768, U(−1/√768, 1/√768): 1/√(3·768).
    /// With it the GELU inputs are near N(0, 0.6) instead of N(0, 5.5).
    /// </summary>
    public const float PyTorchDefaultWeightStd = 0.020833334f;

    private readonly StackGelu _gelu = new();
    private float[] _t1 = [], _t2 = [];

    public ResidualStack(ulong seed, float weightStd = WeightStd)
    {
        Blocks = new Block[Depth];
        ulong stream = 0;
        for (int i = 0; i < Depth; i++)
        {
            StackLinear fc1 = NormalLinear(new StackLinear(), seed, weightStd, ref stream);
            StackLinear fc2 = NormalLinear(new StackLinear(), seed, weightStd, ref stream);
            var fc1Gelu = new StackLinearGelu();
            fc1Gelu.SetParameters(fc1.Weight, fc1.Bias);
            Blocks[i] = new Block(new StackNorm(), fc1, fc1Gelu, fc2, new StackNorm(), new StackResidualNorm());
        }
    }

    public Block[] Blocks { get; }

    /// <summary>Whether <see cref="Forward"/> runs the fused layers (the default) or the unfused chain of the same weights.</summary>
    public bool Fused { get; set; } = true;

    /// <summary>Runs the stack in place on <paramref name="x"/> (rows of <see cref="Width"/>); <paramref name="clock"/> laps after every layer.</summary>
    public void Forward(Span<float> x, CpuExecutionOptions options, LayerClock? clock = null)
    {
        Span<float> t1 = Scratch(ref _t1, x.Length), t2 = Scratch(ref _t2, x.Length);
        clock?.Start();
        foreach (Block block in Blocks)
        {
            block.Ln1.Forward(x, t1, options);
            clock?.Lap(LayerKind.LayerNorm);
            if (Fused)
            {
                block.Fc1Gelu.Forward(t1, t2, options);
                clock?.Lap(LayerKind.LinearGelu);
                block.Fc2.Forward(t2, t1, options);
                clock?.Lap(LayerKind.Linear);
                block.Ln2Residual.Forward(t1, x, x, options);
                clock?.Lap(LayerKind.NormResidual);
                continue;
            }

            block.Fc1.Forward(t1, t2, options);
            clock?.Lap(LayerKind.Linear);
            _gelu.Forward(t2, t2, options);
            clock?.Lap(LayerKind.Gelu);
            block.Fc2.Forward(t2, t1, options);
            clock?.Lap(LayerKind.Linear);
            block.Ln2.Forward(t1, t1, options);
            clock?.Lap(LayerKind.LayerNorm);
            Elementwise.Add(x, t1, x, options);
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

    private static StackLinear NormalLinear(StackLinear layer, ulong seed, float std, ref ulong stream)
    {
        var weight = new float[Width * Width];
        var bias = new float[Width];
        new PhiloxRandom(seed, stream++).FillNormal(weight, 0f, std);
        new PhiloxRandom(seed, stream++).FillNormal(bias, 0f, std);
        layer.SetParameters(weight, bias);
        return layer;
    }

    /// <summary>One block's layers: the unfused chain and its fused forms, of the same weights.</summary>
    internal sealed record Block(StackNorm Ln1, StackLinear Fc1, StackLinearGelu Fc1Gelu, StackLinear Fc2, StackNorm Ln2, StackResidualNorm Ln2Residual);
}
