using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>Activation layers: each element is its DetMath function, on every path and device.</summary>
public sealed class ActivationLayerTests
{
    public static TheoryData<string> Names => new() { "Gelu768", "GeluTanh33", "Relu5", "Silu64", "Tanh100", "Sigmoid1" };

    internal static ActivationLayer Create(string name) => name switch
    {
        "Gelu768" => new Gelu768(),
        "GeluTanh33" => new GeluTanh33(),
        "Relu5" => new Relu5(),
        "Silu64" => new Silu64(),
        "Tanh100" => new Tanh100(),
        "Sigmoid1" => new Sigmoid1(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_element_is_its_DetMath_function(string name)
    {
        ActivationLayer layer = Create(name);
        float[] input = SpecialAndRandom(layer.Features * 7);
        float[] output = layer.Forward(input);
        Func<float, float> expected = layer.Function switch
        {
            ActivationFunction.Gelu => DetMath.Gelu,
            ActivationFunction.GeluTanh => DetMath.GeluTanh,
            ActivationFunction.Silu => DetMath.Silu,
            ActivationFunction.Tanh => DetMath.Tanh,
            ActivationFunction.Sigmoid => DetMath.Sigmoid,
            _ => static x => x > 0 ? x : float.IsNaN(x) ? DetMath.CanonicalNaN : 0f,
        };

        for (int i = 0; i < input.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(expected(input[i])), BitConverter.SingleToInt32Bits(output[i]));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Rows_are_invariant_to_batch_position_and_threads(string name) =>
        RowLayerInvariance.BatchPositionAndThreads(Create(name), rows: 21);

    [Theory]
    [MemberData(nameof(Names))]
    public void In_place_equals_separate_output(string name) => RowLayerInvariance.InPlace(Create(name), rows: 9);

    [Theory]
    [MemberData(nameof(Names))]
    public void Cpu_accelerator_equals_cpu(string name)
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        ActivationLayer layer = Create(name);
        float[] input = SpecialAndRandom(layer.Features * 11);
        using GpuRowLayer onDevice = layer.ToGpu(device);
        BitAssert.Equal(layer.Forward(input), onDevice.Forward(input), $"{name} on the CPU accelerator");
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu(string name)
    {
        GpuDevice device = CudaDevice.Get();
        ActivationLayer layer = Create(name);
        float[] input = SpecialAndRandom(layer.Features * 1001);
        using GpuRowLayer onDevice = layer.ToGpu(device);
        BitAssert.Equal(layer.Forward(input), onDevice.Forward(input), $"{name} on {device}");
    }

    [Fact]
    public void Relu_of_negative_zero_is_positive_zero_and_NaN_is_canonical()
    {
        float[] output = new Relu5().Forward([-0f, float.NaN, -1f, 2.5f, float.NegativeInfinity]);
        Assert.Equal([0, unchecked((int)DetMath.CanonicalNaNBits), 0, BitConverter.SingleToInt32Bits(2.5f), 0], Array.ConvertAll(output, BitConverter.SingleToInt32Bits));
    }

    /// <summary>Random values in ±8 with ±0, ±∞, NaN, subnormals and extremes at the start.</summary>
    private static float[] SpecialAndRandom(int length)
    {
        var values = new float[length];
        new PhiloxRandom(seed: 9).Fill(values, -8f, 8f);
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-30f, -1e-30f, 88.7f, -103.9f];
        special.AsSpan(0, Math.Min(special.Length, length)).CopyTo(values);
        return values;
    }
}
