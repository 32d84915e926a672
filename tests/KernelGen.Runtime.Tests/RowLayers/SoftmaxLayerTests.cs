using System;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>Softmax and log-softmax: the canonical order written out, masks, invariance and devices.</summary>
public sealed class SoftmaxLayerTests
{
    public static TheoryData<string> Names => new() { "Softmax1000", "Softmax7", "LogSoftmax100", "Softmax1500", "LogSoftmax1100" };

    internal static SoftmaxLayer Create(string name) => name switch
    {
        "Softmax1000" => new Softmax1000(),
        "Softmax7" => new Softmax7(),
        "LogSoftmax100" => new LogSoftmax100(),
        "Softmax1500" => new Softmax1500(),
        "LogSoftmax1100" => new LogSoftmax1100(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Follows_the_canonical_order_written_out(string name)
    {
        SoftmaxLayer layer = Create(name);
        float[] input = RowLayerInvariance.Input(layer, 5, seed: 21);
        float[] output = layer.Forward(input);
        for (int row = 0; row < 5; row++)
        {
            float[] x = input.AsSpan(row * layer.Features, layer.Features).ToArray();
            float[] expected = Reference(x, Enumerable.Repeat((byte)1, x.Length).ToArray(), layer.IsLog);
            BitAssert.Equal(expected, output.AsSpan(row * layer.Features, layer.Features), $"{name}, row {row}");
        }
    }

    [Fact]
    public void Softmax_is_close_to_a_double_reference_and_sums_to_one()
    {
        SoftmaxLayer layer = Create("Softmax1000");
        float[] input = RowLayerInvariance.Input(layer, 1, seed: 22);
        float[] output = layer.Forward(input);
        double max = input.Max(v => (double)v);
        double sum = input.Sum(v => Math.Exp(v - max));
        for (int i = 0; i < input.Length; i++)
        {
            double expected = Math.Exp(input[i] - max) / sum;
            Assert.True(Math.Abs(output[i] - expected) <= 2e-7 * expected + 1e-12, $"element {i}: {output[i]} vs {expected}");
        }

        Assert.InRange(output.Sum(v => (double)v), 1 - 1e-5, 1 + 1e-5);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Rows_are_invariant_to_batch_position_and_threads(string name) =>
        RowLayerInvariance.BatchPositionAndThreads(Create(name), rows: 23);

    [Theory]
    [MemberData(nameof(Names))]
    public void In_place_equals_separate_output(string name) => RowLayerInvariance.InPlace(Create(name), rows: 6);

    [Theory]
    [MemberData(nameof(Names))]
    public void Cpu_accelerator_equals_cpu(string name)
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        RowLayerInvariance.DeviceEqualsCpu(device, Create(name), rows: 17);
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu(string name) => RowLayerInvariance.DeviceEqualsCpu(CudaDevice.Get(), Create(name), rows: 1000);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Masked_positions_contribute_exactly_nothing(bool log)
    {
        SoftmaxLayer layer = log ? new LogSoftmax100() : new Softmax1000();
        int n = layer.Features;
        float[] input = RowLayerInvariance.Input(layer, 3, seed: 23);
        byte[] keep = new byte[input.Length];
        var random = new PhiloxRandom(seed: 24);
        for (int i = 0; i < keep.Length; i++)
        {
            keep[i] = (byte)(random.NextSingle() < 0.7f ? 1 : 0);
        }

        keep.AsSpan(2 * n, n).Clear(); // row 2: everything masked
        float[] masked = input.Select((v, i) => keep[i] == 0 ? float.NaN : v).ToArray(); // whatever a masked value is, it must not matter
        float[] output = new float[input.Length];
        layer.Forward(masked, keep, output);
        for (int row = 0; row < 2; row++)
        {
            float[] expected = Reference(input.AsSpan(row * n, n).ToArray(), keep.AsSpan(row * n, n).ToArray(), log);
            BitAssert.Equal(expected, output.AsSpan(row * n, n), $"row {row}");
        }

        Assert.All(output.AsSpan(2 * n, n).ToArray(), v => Assert.Equal(log ? float.NegativeInfinity : 0f, v));
    }

    [Fact]
    public void Mask_errors_name_the_argument()
    {
        var layer = new Softmax7();
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[7], new byte[6], new float[7]));
        Assert.Equal("keep has 6 values; it needs one per input value: 7. (Parameter 'keep')", error.Message);
        error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[7], [1, 1, 2, 0, 0, 0, 0], new float[7]));
        Assert.Equal("keep[2] is 2; a mask value must be 1 (keep) or 0 (mask). (Parameter 'keep')", error.Message);
    }

    /// <summary>The canonical order written out: kept elements into lane i mod 32, in order, then the tree.</summary>
    private static float[] Reference(float[] x, byte[] keep, bool log)
    {
        float[] maxLanes = Enumerable.Repeat(float.NegativeInfinity, 32).ToArray();
        float[] sumLanes = Enumerable.Repeat(-0f, 32).ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            if (keep[i] != 0)
            {
                maxLanes[i % 32] = maxLanes[i % 32] > x[i] || float.IsNaN(maxLanes[i % 32]) ? maxLanes[i % 32] : x[i];
            }
        }

        for (int offset = 16; offset > 0; offset /= 2)
        {
            for (int j = 0; j < offset; j++)
            {
                maxLanes[j] = maxLanes[j] > maxLanes[j + offset] || float.IsNaN(maxLanes[j]) ? maxLanes[j] : maxLanes[j + offset];
            }
        }

        float max = maxLanes[0];
        for (int i = 0; i < x.Length; i++)
        {
            if (keep[i] != 0)
            {
                sumLanes[i % 32] += DetMath.Exp(x[i] - max);
            }
        }

        for (int offset = 16; offset > 0; offset /= 2)
        {
            for (int j = 0; j < offset; j++)
            {
                sumLanes[j] += sumLanes[j + offset];
            }
        }

        float sum = sumLanes[0];
        return x.Select((v, i) => keep[i] == 0 ? (log ? float.NegativeInfinity : 0f) : log ? (v - max) - DetMath.Log(sum) : DetMath.Exp(v - max) / sum)
            .Select(DetMath.CanonicalizeNaN).ToArray();
    }
}
