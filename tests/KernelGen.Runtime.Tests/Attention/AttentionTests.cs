using System;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Attention;

/// <summary>
/// Attention: the canonical order written out, closeness to float64, and the invariances a KV cache
/// needs — a sequence's rows do not depend on the batch, its padding, the thread count or the device,
/// and a decode step gives the prefill row's bits at every position.
/// </summary>
public sealed class AttentionTests
{
    public static TheoryData<string> Names => new() { "Small", "Encoder", "Ragged", "LongHead" };

    internal static AttentionLayer Create(string name) => name switch
    {
        "Small" => new SmallAttention(),
        "Encoder" => new EncoderAttention(),
        "Ragged" => new RaggedAttention(),
        "LongHead" => new LongHeadAttention(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    internal static (float[] Q, float[] K, float[] V) Inputs(AttentionLayer layer, int batch, int sequence, ulong seed)
    {
        int n = batch * sequence * layer.Width;
        float[] q = new float[n], k = new float[n], v = new float[n];
        new PhiloxRandom(seed, 0).Fill(q, -2f, 2f);
        new PhiloxRandom(seed, 1).Fill(k, -2f, 2f);
        new PhiloxRandom(seed, 2).Fill(v, -1f, 1f);
        return (q, k, v);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Follows_the_canonical_order_written_out(string name)
    {
        AttentionLayer layer = Create(name);
        const int batch = 3, sequence = 37;
        (float[] q, float[] k, float[] v) = Inputs(layer, batch, sequence, seed: 1);
        int[] valid = [37, 20, 1];
        foreach (bool causal in new[] { false, true })
        {
            float[] output = new float[q.Length];
            layer.Forward(q, k, v, output, batch, sequence, causal, valid);
            float[] expected = Reference(layer, q, k, v, batch, sequence, causal, valid);
            BitAssert.Equal(expected, output, $"{name}, causal {causal}");
        }
    }

    [Fact]
    public void Is_close_to_a_double_reference()
    {
        AttentionLayer layer = Create("Encoder");
        const int sequence = 50;
        (float[] q, float[] k, float[] v) = Inputs(layer, 1, sequence, seed: 2);
        float[] output = new float[q.Length];
        layer.Forward(q, k, v, output, 1, sequence, causal: true);
        int w = layer.Width, d = layer.HeadDim;
        for (int i = 0; i < sequence; i++)
        {
            for (int h = 0; h < layer.Heads; h++)
            {
                double[] scores = Enumerable.Range(0, i + 1).Select(j => Enumerable.Range(0, d).Sum(x => (double)q[(i * w) + (h * d) + x] * k[(j * w) + (h * d) + x]) / Math.Sqrt(d)).ToArray();
                double max = scores.Max();
                double[] e = scores.Select(s => Math.Exp(s - max)).ToArray();
                double sum = e.Sum();
                for (int x = 0; x < d; x++)
                {
                    double expected = Enumerable.Range(0, i + 1).Sum(j => e[j] / sum * v[(j * w) + (h * d) + x]);
                    Assert.True(Math.Abs(output[(i * w) + (h * d) + x] - expected) < 2e-6, $"row {i}, head {h}, dim {x}: {output[(i * w) + (h * d) + x]} vs {expected}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_sequence_gives_the_same_bits_alone_and_anywhere_in_a_batch(string name)
    {
        AttentionLayer layer = Create(name);
        const int sequence = 33;
        int rowFloats = sequence * layer.Width;
        (float[] q, float[] k, float[] v) = Inputs(layer, 4, sequence, seed: 3);
        foreach (bool causal in new[] { false, true })
        {
            float[] batched = new float[q.Length];
            layer.Forward(q, k, v, batched, 4, sequence, causal);
            for (int b = 0; b < 4; b++)
            {
                float[] alone = new float[rowFloats];
                layer.Forward(q.AsSpan(b * rowFloats, rowFloats), k.AsSpan(b * rowFloats, rowFloats), v.AsSpan(b * rowFloats, rowFloats), alone, 1, sequence, causal);
                BitAssert.Equal(batched.AsSpan(b * rowFloats, rowFloats), alone, $"{name}, sequence {b}, causal {causal}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Padding_never_changes_the_real_rows(string name)
    {
        AttentionLayer layer = Create(name);
        const int length = 21, padded = 64;
        int w = layer.Width;
        (float[] q, float[] k, float[] v) = Inputs(layer, 1, length, seed: 4);
        (float[] gq, float[] gk, float[] gv) = Inputs(layer, 1, padded, seed: 5); // garbage in the padded positions
        q.CopyTo(gq, 0);
        k.CopyTo(gk, 0);
        v.CopyTo(gv, 0);
        gk[(length * w) + 1] = float.NaN; // even a NaN key in the padding must not reach a real row
        foreach (bool causal in new[] { false, true })
        {
            float[] unpadded = new float[q.Length];
            layer.Forward(q, k, v, unpadded, 1, length, causal);
            float[] withPadding = new float[gq.Length];
            layer.Forward(gq, gk, gv, withPadding, 1, padded, causal, [length]);
            BitAssert.Equal(unpadded, withPadding.AsSpan(0, length * w), $"{name}, causal {causal}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_with_a_KV_cache_equals_the_prefill_row_at_every_position(string name)
    {
        AttentionLayer layer = Create(name);
        const int sequence = 70; // crosses two lane groups of 32
        int w = layer.Width;
        (float[] q, float[] k, float[] v) = Inputs(layer, 1, sequence, seed: 6);
        float[] prefill = new float[q.Length];
        layer.Forward(q, k, v, prefill, 1, sequence, causal: true);

        var cache = new KvCache(sequence, w);
        float[] step = new float[w];
        for (int position = 0; position < sequence; position++)
        {
            cache.Append(k.AsSpan(position * w, w), v.AsSpan(position * w, w));
            layer.Decode(q.AsSpan(position * w, w), cache, step);
            BitAssert.Equal(prefill.AsSpan(position * w, w), step, $"{name}, position {position}");
        }
    }

    [Fact]
    public void Thread_counts_do_not_change_the_bits()
    {
        AttentionLayer layer = Create("Encoder");
        (float[] q, float[] k, float[] v) = Inputs(layer, 2, 40, seed: 7);
        float[] one = new float[q.Length];
        layer.Forward(q, k, v, one, 2, 40, causal: true, options: new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        foreach (int threads in new[] { 2, Environment.ProcessorCount })
        {
            float[] many = new float[q.Length];
            layer.Forward(q, k, v, many, 2, 40, causal: true, options: new CpuExecutionOptions { MaxDegreeOfParallelism = threads });
            BitAssert.Equal(one, many, $"{threads} threads");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Cpu_accelerator_equals_cpu(string name)
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        DeviceEqualsCpu(device, Create(name), sequence: 35);
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu(string name) => DeviceEqualsCpu(CudaDevice.Get(), Create(name), sequence: 130);

    [Fact]
    public void Zero_visible_keys_give_zeros_not_NaN()
    {
        AttentionLayer layer = Create("Small");
        (float[] q, float[] k, float[] v) = Inputs(layer, 2, 5, seed: 8);
        float[] output = new float[q.Length];
        layer.Forward(q, k, v, output, 2, 5, causal: false, [0, 5]);
        Assert.All(output.AsSpan(0, 5 * layer.Width).ToArray(), value => Assert.Equal(0, BitConverter.SingleToInt32Bits(value)));
    }

    [Fact]
    public void Errors_name_the_argument_and_the_shapes()
    {
        AttentionLayer layer = Create("Small"); // width 16
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[32], new float[32], new float[31], new float[32], 1, 2, causal: false));
        Assert.Equal("v has 31 values; batch 1 × sequence 2 needs [1, 2, 16] = 32. (Parameter 'v')", error.Message);
        error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[64], new float[64], new float[64], new float[64], 2, 2, causal: false, [2]));
        Assert.Equal("validLengths has 1 values; it needs one per sequence: 2, or none. (Parameter 'validLengths')", error.Message);
        error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[64], new float[64], new float[64], new float[64], 2, 2, causal: false, [2, 3]));
        Assert.Equal("validLengths[1] is 3; it must be in [0, 2]. (Parameter 'validLengths')", error.Message);

        var cache = new KvCache(2, 16);
        error = Assert.Throws<ArgumentException>(() => layer.Decode(new float[16], cache, new float[16]));
        Assert.Equal("cache is empty; append the newest position's key and value before decoding it. (Parameter 'cache')", error.Message);
        cache.Append(new float[16], new float[16]);
        cache.Append(new float[16], new float[16]);
        var full = Assert.Throws<InvalidOperationException>(() => cache.Append(new float[16], new float[16]));
        Assert.Equal("The cache is full: it holds 2 positions. Create it with a larger capacity.", full.Message);
        error = Assert.Throws<ArgumentException>(() => layer.Decode(new float[16], new KvCache(4, 12), new float[16]));
        Assert.Equal("cache has rows of 12 values; this layer's rows are 16 (2 heads × 8). (Parameter 'cache')", error.Message);
    }

    private static void DeviceEqualsCpu(GpuDevice device, AttentionLayer layer, int sequence)
    {
        (float[] q, float[] k, float[] v) = Inputs(layer, 2, sequence, seed: 9);
        int[] valid = [sequence, sequence / 2];
        using GpuAttentionLayer onDevice = layer.ToGpu(device);
        foreach (bool causal in new[] { false, true })
        {
            float[] cpu = new float[q.Length], gpu = new float[q.Length];
            layer.Forward(q, k, v, cpu, 2, sequence, causal, valid);
            onDevice.Forward(q, k, v, gpu, 2, sequence, causal, valid);
            BitAssert.Equal(cpu, gpu, $"{layer.GetType().Name} on {device}, causal {causal}");
        }

        int w = layer.Width;
        var cache = new KvCache(sequence, w);
        for (int position = 0; position < 3; position++)
        {
            cache.Append(k.AsSpan(position * w, w), v.AsSpan(position * w, w));
        }

        float[] cpuStep = new float[w], gpuStep = new float[w];
        layer.Decode(q.AsSpan(2 * w, w), cache, cpuStep);
        onDevice.Decode(q.AsSpan(2 * w, w), cache, gpuStep);
        BitAssert.Equal(cpuStep, gpuStep, $"{layer.GetType().Name} decode on {device}");
    }

    /// <summary>The canonical order, written out independently of the runtime with plain loops.</summary>
    private static float[] Reference(AttentionLayer layer, float[] q, float[] k, float[] v, int batch, int sequence, bool causal, int[] valid)
    {
        int w = layer.Width, d = layer.HeadDim;
        float scale = 1f / MathF.Sqrt(d);
        float[] output = new float[q.Length];
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < sequence; i++)
            {
                int visible = Math.Min(valid[b], causal ? i + 1 : sequence);
                for (int h = 0; h < layer.Heads; h++)
                {
                    int qo = (((b * sequence) + i) * w) + (h * d);
                    if (visible == 0)
                    {
                        continue;
                    }

                    float[] s = new float[visible];
                    for (int j = 0; j < visible; j++)
                    {
                        float dot = 0f;
                        for (int x = 0; x < d; x++)
                        {
                            dot = MathF.FusedMultiplyAdd(q[qo + x], k[(((b * sequence) + j) * w) + (h * d) + x], dot);
                        }

                        s[j] = dot * scale;
                    }

                    float max = Lanes(s, float.NegativeInfinity, static (a, x) => a > x || float.IsNaN(a) ? a : x);
                    float[] e = s.Select(x => DetMath.Exp(x - max)).ToArray();
                    float sum = Lanes(e, -0f, static (a, x) => a + x);
                    for (int x = 0; x < d; x++)
                    {
                        float acc = 0f;
                        for (int j = 0; j < visible; j++)
                        {
                            acc = MathF.FusedMultiplyAdd(e[j] / sum, v[(((b * sequence) + j) * w) + (h * d) + x], acc);
                        }

                        output[qo + x] = acc;
                    }
                }
            }
        }

        return output;
    }

    /// <summary>32 lanes (element j in lane j mod 32, in order), then the tree +16, +8, +4, +2, +1.</summary>
    private static float Lanes(float[] values, float identity, Func<float, float, float> op)
    {
        float[] lanes = Enumerable.Repeat(identity, 32).ToArray();
        for (int j = 0; j < values.Length; j++)
        {
            lanes[j % 32] = op(lanes[j % 32], values[j]);
        }

        for (int offset = 16; offset > 0; offset /= 2)
        {
            for (int j = 0; j < offset; j++)
            {
                lanes[j] = op(lanes[j], lanes[j + offset]);
            }
        }

        return lanes[0];
    }
}
