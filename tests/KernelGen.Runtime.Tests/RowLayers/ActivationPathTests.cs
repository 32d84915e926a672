using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>
/// The vector span driver behind the activation layers: every SIMD path, every length (vector body
/// and tail), in place or not, and 1 to 3 threads give exactly the scalar function's bits.
/// </summary>
public sealed class ActivationPathTests
{
    private static readonly int[] Lengths = [0, 1, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 100, 768, 3072];

    public static TheoryData<ActivationFunction, SimdPath> FunctionsAndPaths()
    {
        var data = new TheoryData<ActivationFunction, SimdPath>();
        foreach (ActivationFunction function in Enum.GetValues<ActivationFunction>())
        {
            foreach (SimdPath path in ConcretePaths)
            {
                data.Add(function, path);
            }
        }

        return data;
    }

    private static SimdPath[] ConcretePaths { get; } = [SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128, SimdPath.Scalar];

    [Theory]
    [MemberData(nameof(FunctionsAndPaths))]
    public void Apply_in_place_gives_the_scalar_bits_for_every_length(ActivationFunction function, SimdPath path)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(path), $"{path} does not run on this processor.");
        foreach (int length in Lengths)
        {
            float[] input = SpecialAndRandom(length, seed: (ulong)length);
            float[] values = (float[])input.Clone();
            ActivationKernels.Apply(path, function, values);
            AssertScalarBits(function, input, values, $"{function} on {path}, length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionsAndPaths))]
    public void Apply_to_a_separate_output_leaves_the_rest_of_it_alone(ActivationFunction function, SimdPath path)
    {
        Assert.SkipUnless(SimdPaths.IsSupported(path), $"{path} does not run on this processor.");
        float[] input = SpecialAndRandom(37, seed: 5);
        float[] output = Enumerable.Repeat(-7f, 40).ToArray();
        float[] expected = (float[])input.Clone();
        ActivationKernels.Apply(path, function, expected);

        ApplyToSeparateOutput(function, path, input, output);

        BitAssert.Equal(expected, output.AsSpan(0, 37), $"{function} on {path}");
        Assert.All(output[37..], value => Assert.Equal(-7f, value));
    }

    [Fact]
    public void Apply_rejects_a_short_output()
    {
        float[] input = new float[10];
        Assert.Throws<ArgumentException>(() => ActivationKernels.Apply<GeluFunction<CpuMath>>(SimdPath.Scalar, input, new float[9]));
    }

    public static TheoryData<string> LayerNames => ActivationLayerTests.Names;

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Layer_gives_the_scalar_bits_on_every_path_and_thread_count(string name)
    {
        ActivationLayer layer = ActivationLayerTests.Create(name);
        float[] input = SpecialAndRandom(layer.Features * 13, seed: 3);
        foreach (SimdPath path in ConcretePaths.Where(SimdPaths.IsSupported))
        {
            for (int threads = 1; threads <= 3; threads++)
            {
                float[] output = layer.Forward(input, new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads });
                AssertScalarBits(layer.Function, input, output, $"{name} on {path}, {threads} threads");
            }
        }
    }

    private static void ApplyToSeparateOutput(ActivationFunction function, SimdPath path, float[] input, float[] output)
    {
        switch (function)
        {
            case ActivationFunction.Relu: ActivationKernels.Apply<ReluFunction<CpuMath>>(path, input, output); break;
            case ActivationFunction.Gelu: ActivationKernels.Apply<GeluFunction<CpuMath>>(path, input, output); break;
            case ActivationFunction.GeluTanh: ActivationKernels.Apply<GeluTanhFunction<CpuMath>>(path, input, output); break;
            case ActivationFunction.Silu: ActivationKernels.Apply<SiluFunction<CpuMath>>(path, input, output); break;
            case ActivationFunction.Tanh: ActivationKernels.Apply<TanhFunction<CpuMath>>(path, input, output); break;
            default: ActivationKernels.Apply<SigmoidFunction<CpuMath>>(path, input, output); break;
        }
    }

    private static void AssertScalarBits(ActivationFunction function, float[] input, ReadOnlySpan<float> output, string what)
    {
        var differences = new List<string>();
        for (int i = 0; i < input.Length; i++)
        {
            float expected = ActivationKernels.Apply(function, input[i]);
            if (BitConverter.SingleToUInt32Bits(expected) != BitConverter.SingleToUInt32Bits(output[i]))
            {
                differences.Add($"[{i}] x = 0x{BitConverter.SingleToUInt32Bits(input[i]):X8}: scalar 0x{BitConverter.SingleToUInt32Bits(expected):X8}, got 0x{BitConverter.SingleToUInt32Bits(output[i]):X8}");
            }
        }

        Assert.True(differences.Count == 0, $"{what}: {differences.Count} elements differ, e.g. {string.Join("; ", differences.Take(5))}");
    }

    /// <summary>Random values in ±6, with special values (NaNs, ±0, ±∞, subnormals, tiny, near the series thresholds) spread through them.</summary>
    private static float[] SpecialAndRandom(int length, ulong seed)
    {
        var values = new float[length];
        new PhiloxRandom(seed).Fill(values, -6f, 6f);
        float[] special =
        [
            0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, BitConverter.UInt32BitsToSingle(0xFFA5_A5A5),
            float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f, 0.03f, -0.06f, 1e-3f, 9f, -17f, 25f, -130f, float.MaxValue,
        ];
        for (int i = 0; i < Math.Min(special.Length, length); i++)
        {
            values[(i * 7) % length] = special[i];
        }

        return values;
    }
}
