using System;

namespace KernelGen.Runtime.Tests.Parity;

[LayerNorm(128)]
public sealed partial class FixtureNorm128;

[Linear(128, 128)]
public sealed partial class FixtureLinear128;

[Linear(128, 128, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class FixtureExactLinear128;

[Activation(ActivationFunction.Gelu, 128)]
public sealed partial class FixtureGelu128;

/// <summary>
/// The 20-block residual stack of tests/fixtures/residual_stack_w128.safetensors, loaded by PyTorch's
/// names (<c>blocks.{i}.ln1</c>, <c>fc1</c>, <c>fc2</c>, <c>ln2</c>) the way a user's model would be, its
/// Linear layers in the arithmetic asked for (<see cref="KernelArithmetic.Bitwise"/> unless told).
/// </summary>
internal sealed class ResidualStackFixture
{
    public const int Width = 128;
    public const int Depth = 20;

    private readonly (FixtureNorm128 Ln1, LinearLayer Fc1, LinearLayer Fc2, FixtureNorm128 Ln2)[] _blocks;
    private readonly FixtureGelu128 _gelu = new();

    public ResidualStackFixture(SafetensorsFile file, KernelArithmetic arithmetic = KernelArithmetic.Bitwise)
    {
        _blocks = new (FixtureNorm128, LinearLayer, LinearLayer, FixtureNorm128)[Depth];
        for (int i = 0; i < Depth; i++)
        {
            var block = (new FixtureNorm128(), NewLinear(arithmetic), NewLinear(arithmetic), new FixtureNorm128());
            block.Item1.LoadParameters(file, $"blocks.{i}.ln1");
            block.Item2.LoadParameters(file, $"blocks.{i}.fc1");
            block.Item3.LoadParameters(file, $"blocks.{i}.fc2");
            block.Item4.LoadParameters(file, $"blocks.{i}.ln2");
            _blocks[i] = block;
        }
    }

    /// <summary>Runs the stack on the CPU and returns the output.</summary>
    public float[] Forward(ReadOnlySpan<float> input, CpuExecutionOptions? options = null)
    {
        float[] x = input.ToArray();
        var t1 = new float[x.Length];
        var t2 = new float[x.Length];
        foreach ((FixtureNorm128 ln1, LinearLayer fc1, LinearLayer fc2, FixtureNorm128 ln2) in _blocks)
        {
            ln1.Forward(x, t1, options);
            fc1.Forward(t1, t2, options);
            _gelu.Forward(t2, t2, options);
            fc2.Forward(t2, t1, options);
            ln2.Forward(t1, t1, options);
            Elementwise.Add(x, t1, x);
        }

        return x;
    }

    /// <summary>Runs the stack on <paramref name="device"/> with host copies per layer (the simple path).</summary>
    public float[] Forward(GpuDevice device, ReadOnlySpan<float> input)
    {
        float[] x = input.ToArray();
        using GpuRowLayer gelu = _gelu.ToGpu(device);
        foreach ((FixtureNorm128 ln1, LinearLayer fc1, LinearLayer fc2, FixtureNorm128 ln2) in _blocks)
        {
            using GpuRowLayer gln1 = ln1.ToGpu(device);
            using GpuLinearLayer gfc1 = fc1.ToGpu(device);
            using GpuLinearLayer gfc2 = fc2.ToGpu(device);
            using GpuRowLayer gln2 = ln2.ToGpu(device);
            float[] t = gln2.Forward(gfc2.Forward(gelu.Forward(gfc1.Forward(gln1.Forward(x)))));
            Elementwise.Add(x, t, x);
        }

        return x;
    }

    private static LinearLayer NewLinear(KernelArithmetic arithmetic) =>
        arithmetic == KernelArithmetic.Exact ? new FixtureExactLinear128() : new FixtureLinear128();
}
