using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>LayerNorm and RMSNorm: canonical bits, invariance, PyTorch's semantics and clear errors.</summary>
public sealed class NormLayerTests
{
    public static TheoryData<string> Names => new() { "Norm768", "Norm33Plain", "Norm5NoBias", "Rms100", "Rms1Plain", "Norm2000" };

    internal static RowLayer Create(string name)
    {
        RowLayer layer = name switch
        {
            "Norm768" => new Norm768(),
            "Norm33Plain" => new Norm33Plain(),
            "Norm5NoBias" => new Norm5NoBias(),
            "Rms100" => new Rms100(),
            "Rms1Plain" => new Rms1Plain(),
            "Norm2000" => new Norm2000(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        // Non-trivial parameters, so that weight and bias reach the bits.
        var random = new PhiloxRandom(seed: 5);
        switch (layer)
        {
            case LayerNormLayer norm:
                float[] weight = new float[norm.Weight.Length];
                float[] bias = new float[norm.Bias.Length];
                random.Fill(weight, 0.5f, 1.5f);
                random.Fill(bias, -0.5f, 0.5f);
                norm.SetParameters(weight, bias);
                break;
            case RmsNormLayer rms:
                float[] scale = new float[rms.Weight.Length];
                random.Fill(scale, 0.5f, 1.5f);
                rms.SetParameters(scale);
                break;
        }

        return layer;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Rows_are_invariant_to_batch_position_and_threads(string name) =>
        RowLayerInvariance.BatchPositionAndThreads(Create(name), rows: 37);

    [Theory]
    [MemberData(nameof(Names))]
    public void In_place_equals_separate_output(string name) => RowLayerInvariance.InPlace(Create(name), rows: 9);

    [Theory]
    [MemberData(nameof(Names))]
    public void Cpu_accelerator_equals_cpu(string name)
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        RowLayerInvariance.DeviceEqualsCpu(device, Create(name), rows: 19);
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu(string name) => RowLayerInvariance.DeviceEqualsCpu(CudaDevice.Get(), Create(name), rows: 1000);

    [Fact]
    public void LayerNorm_follows_the_canonical_order_written_out()
    {
        var layer = (LayerNormLayer)Create("Norm768");
        float[] input = RowLayerInvariance.Input(layer, 4, seed: 3);
        float[] actual = layer.Forward(input);
        for (int row = 0; row < 4; row++)
        {
            ReadOnlySpan<float> x = input.AsSpan(row * 768, 768);
            float mean = TreeSum(x, static (v, _) => v, 0f) / 768;
            float variance = TreeSum(x, static (v, m) => v - m, mean, squares: true) / 768;
            float r = DetMath.Rsqrt(variance + 1e-5f);
            for (int i = 0; i < 768; i++)
            {
                float expected = MathF.FusedMultiplyAdd((x[i] - mean) * r, layer.Weight[i], layer.Bias[i]);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual[(row * 768) + i]));
            }
        }
    }

    [Fact]
    public void LayerNorm_is_close_to_a_double_reference()
    {
        var layer = new Norm768(); // weight 1, bias 0
        float[] input = RowLayerInvariance.Input(layer, 1, seed: 4);
        float[] actual = layer.Forward(input);
        double mean = 0, variance = 0;
        foreach (float v in input)
        {
            mean += v;
        }

        mean /= 768;
        foreach (float v in input)
        {
            variance += (v - mean) * (v - mean);
        }

        variance /= 768;
        for (int i = 0; i < 768; i++)
        {
            double expected = (input[i] - mean) / Math.Sqrt(variance + 1e-5);
            Assert.True(Math.Abs(actual[i] - expected) <= 4e-6 * Math.Max(1, Math.Abs(expected)), $"element {i}: {actual[i]} vs {expected}");
        }
    }

    [Fact]
    public void Constant_row_normalizes_to_the_bias_not_NaN()
    {
        var layer = (LayerNormLayer)Create("Norm768");
        float[] input = new float[768];
        input.AsSpan().Fill(-7.5f);
        float[] output = layer.Forward(input);
        BitAssert.Equal(layer.Bias, output, "constant row");
    }

    [Fact]
    public void NaN_in_a_row_stays_in_that_row()
    {
        var layer = new Norm768();
        float[] input = RowLayerInvariance.Input(layer, 2, seed: 6);
        input[5] = float.NaN;
        float[] output = layer.Forward(input);
        Assert.All(output.AsSpan(0, 768).ToArray(), value => Assert.True(float.IsNaN(value)));
        Assert.All(output.AsSpan(768).ToArray(), value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void RmsNorm_follows_the_canonical_order_written_out()
    {
        var layer = (RmsNormLayer)Create("Rms100");
        float[] input = RowLayerInvariance.Input(layer, 3, seed: 8);
        float[] actual = layer.Forward(input);
        for (int row = 0; row < 3; row++)
        {
            ReadOnlySpan<float> x = input.AsSpan(row * 100, 100);
            float meanSquare = TreeSum(x, static (v, _) => v, 0f, squares: true) / 100;
            float r = DetMath.Rsqrt(meanSquare + 1.1920929e-07f);
            for (int i = 0; i < 100; i++)
            {
                float expected = x[i] * r * layer.Weight[i];
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual[(row * 100) + i]));
            }
        }
    }

    [Fact]
    public void SetParameters_names_the_argument_and_the_shape()
    {
        var layer = new Norm768();
        var error = Assert.Throws<ArgumentException>(() => layer.SetParameters(new float[767], new float[768]));
        Assert.Equal("weight has 767 values; a Norm768 needs [768] = 768. (Parameter 'weight')", error.Message);

        var plain = new Norm33Plain();
        error = Assert.Throws<ArgumentException>(() => plain.SetParameters(new float[33], []));
        Assert.Equal("weight has 33 values, but Norm33Plain is declared without a weight (ElementwiseAffine = false): pass an empty span. (Parameter 'weight')", error.Message);

        var noBias = new Norm5NoBias();
        error = Assert.Throws<ArgumentException>(() => noBias.SetParameters(new float[5], new float[5]));
        Assert.Equal("bias has 5 values, but Norm5NoBias is declared without a bias (Bias = false): pass an empty span. (Parameter 'bias')", error.Message);
    }

    [Fact]
    public void Forward_names_the_argument_and_the_shape()
    {
        var layer = new Norm768();
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[700]));
        Assert.Equal("input has 700 values, which is not a whole number of rows of Features = 768: it needs [rows, 768] values. (Parameter 'input')", error.Message);

        error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[768], new float[767]));
        Assert.Equal("output has 767 values; 1 input rows need [1, 768] = 768. (Parameter 'output')", error.Message);

        float[] buffer = new float[2 * 768];
        error = Assert.Throws<ArgumentException>(() => layer.Forward(buffer.AsSpan(0, 768), buffer.AsSpan(1, 768)));
        Assert.Equal("output partly overlaps input; pass the same memory for an in-place pass, or separate memory. (Parameter 'output')", error.Message);

        error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, 767)));
        Assert.Equal("input has shape (2, 767); a Norm768 needs shape (..., 768). (Parameter 'input')", error.Message);
    }

    [Fact]
    public void Defaults_match_PyTorch()
    {
        var layer = new Norm768();
        Assert.Equal(1e-5f, layer.Epsilon);
        Assert.All(layer.Weight.ToArray(), w => Assert.Equal(1f, w));
        Assert.All(layer.Bias.ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal(MathF.BitIncrement(1f) - 1f, new Rms100().Epsilon); // torch.finfo(float32).eps
    }

    /// <summary>The canonical 32-lane sum written out independently of the runtime: lanes in order, then the tree.</summary>
    private static float TreeSum(ReadOnlySpan<float> x, Func<float, float, float> map, float arg, bool squares = false)
    {
        float[] lanes = new float[32];
        Array.Fill(lanes, -0f);
        for (int i = 0; i < x.Length; i++)
        {
            float v = map(x[i], arg);
            lanes[i % 32] = squares ? MathF.FusedMultiplyAdd(v, v, lanes[i % 32]) : lanes[i % 32] + v;
        }

        for (int offset = 16; offset > 0; offset /= 2)
        {
            for (int j = 0; j < offset; j++)
            {
                lanes[j] += lanes[j + offset];
            }
        }

        return lanes[0];
    }
}
