using System;
using System.Collections.Generic;
using System.Linq;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Attention;

/// <summary>
/// The tiled CPU attention kernel against the scalar one it replaced (<see cref="AttentionReference"/>): the
/// same bits on every SIMD path and thread count, for causal and padded sequences, decode steps, lengths
/// around the 32-lane groups and the tiles, head sizes that are not a multiple of a vector, and non-finite inputs.
/// </summary>
public sealed class AttentionKernelTests
{
    private static readonly int[] Lengths = [1, 2, 31, 32, 33, 128, 200];
    private static readonly int[] HeadDims = [8, 32, 64, 80];

    /// <summary>Every sequence length with every head size, the head count cycling through 1..12.</summary>
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        int index = 0;
        foreach (int sequence in Lengths)
        {
            foreach (int headDim in HeadDims)
            {
                data.Add(sequence, (index++ % 12) + 1, headDim);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_path_and_thread_count_gives_the_scalar_kernels_bits(int sequence, int heads, int headDim)
    {
        var layer = new AnyShapeAttention(heads, headDim);
        const int batch = 3;
        int[] valid = [sequence, (sequence + 1) / 2, sequence == 1 ? 0 : sequence - 1];
        (float[] q, float[] k, float[] v) = PaddedInputs(layer, batch, sequence, valid, seed: (ulong)((sequence * 100) + headDim));
        foreach (bool causal in new[] { false, true })
        {
            float[] expected = new float[q.Length];
            AttentionReference.Forward(layer, q, k, v, expected, batch, sequence, causal, valid);
            foreach (CpuExecutionOptions options in AllOptions())
            {
                float[] actual = new float[q.Length];
                layer.Forward(q, k, v, actual, batch, sequence, causal, valid, options);
                BitAssert.Equal(expected, actual, $"L {sequence}, {heads} × {headDim}, causal {causal}, {Describe(options)}");
            }
        }
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(2, 8)]
    [InlineData(3, 80)]
    [InlineData(4, 64)]
    [InlineData(5, 33)]
    [InlineData(6, 16)]
    [InlineData(7, 24)]
    [InlineData(8, 40)]
    [InlineData(9, 12)]
    [InlineData(10, 48)]
    [InlineData(11, 20)]
    [InlineData(12, 32)]
    public void Every_head_count_gives_the_scalar_kernels_bits(int heads, int headDim)
    {
        var layer = new AnyShapeAttention(heads, headDim);
        const int batch = 2, sequence = 45;
        int[] valid = [sequence, 38];
        (float[] q, float[] k, float[] v) = PaddedInputs(layer, batch, sequence, valid, seed: (ulong)heads);
        float[] expected = new float[q.Length];
        AttentionReference.Forward(layer, q, k, v, expected, batch, sequence, causal: true, valid);
        foreach (CpuExecutionOptions options in AllOptions())
        {
            float[] actual = new float[q.Length];
            layer.Forward(q, k, v, actual, batch, sequence, causal: true, valid, options);
            BitAssert.Equal(expected, actual, $"{heads} × {headDim}, {Describe(options)}");
        }
    }

    [Theory]
    [InlineData(3, 32, 70)]
    [InlineData(2, 80, 200)]
    [InlineData(1, 8, 33)]
    public void Decode_on_every_path_equals_the_scalar_prefill_row(int heads, int headDim, int sequence)
    {
        var layer = new AnyShapeAttention(heads, headDim);
        int w = layer.Width;
        (float[] q, float[] k, float[] v) = AttentionTests.Inputs(layer, 1, sequence, seed: 11);
        float[] prefill = new float[q.Length];
        AttentionReference.Forward(layer, q, k, v, prefill, 1, sequence, causal: true);

        foreach (CpuExecutionOptions options in AllOptions())
        {
            var cache = new KvCache(sequence, w);
            float[] step = new float[w];
            for (int position = 0; position < sequence; position++)
            {
                cache.Append(k.AsSpan(position * w, w), v.AsSpan(position * w, w));
                layer.Decode(q.AsSpan(position * w, w), cache, step, options);
                BitAssert.Equal(prefill.AsSpan(position * w, w), step, $"position {position}, {Describe(options)}");
            }
        }
    }

    [Theory]
    [InlineData(4, 32, 40)]
    [InlineData(3, 33, 100)]
    public void Non_finite_inputs_give_the_scalar_kernels_bits(int heads, int headDim, int sequence)
    {
        var layer = new AnyShapeAttention(heads, headDim);
        const int batch = 2;
        int w = layer.Width;
        (float[] q, float[] k, float[] v) = AttentionTests.Inputs(layer, batch, sequence, seed: 12);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -3e38f, 1e-45f, -0f];
        var random = new PhiloxRandom(13, 0);
        foreach (float[] data in new[] { q, k, v })
        {
            for (int i = 0; i < 40; i++)
            {
                data[(int)(random.NextUInt32() % (uint)data.Length)] = specials[i % specials.Length];
            }
        }

        // Whole rows of special scores: every key −∞ for query 5 of head 0 (max −∞), +∞ for query 7 (max +∞).
        for (int j = 0; j < sequence; j++)
        {
            k[(j * w) + 0] = float.PositiveInfinity;
        }

        q[(5 * w) + 0] = -1f;
        q[(7 * w) + 0] = 1f;

        int[] valid = [sequence, sequence - 3];
        foreach (bool causal in new[] { false, true })
        {
            float[] expected = new float[q.Length];
            AttentionReference.Forward(layer, q, k, v, expected, batch, sequence, causal, valid);
            Assert.Contains(expected, float.IsNaN); // the cases reach the outputs
            foreach (CpuExecutionOptions options in AllOptions())
            {
                float[] actual = new float[q.Length];
                layer.Forward(q, k, v, actual, batch, sequence, causal, valid, options);
                BitAssert.Equal(expected, actual, $"causal {causal}, {Describe(options)}");
            }
        }
    }

    [Fact]
    public void Scratch_left_by_a_larger_call_never_reaches_a_smaller_one()
    {
        var large = new AnyShapeAttention(2, 80);
        (float[] lq, float[] lk, float[] lv) = AttentionTests.Inputs(large, 1, 200, seed: 14);
        Array.Fill(lk, float.NaN);
        Array.Fill(lv, float.NaN);
        large.Forward(lq, lk, lv, new float[lq.Length], 1, 200, causal: false, options: new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });

        var small = new AnyShapeAttention(1, 8);
        (float[] q, float[] k, float[] v) = AttentionTests.Inputs(small, 1, 3, seed: 15);
        float[] expected = new float[q.Length], actual = new float[q.Length];
        AttentionReference.Forward(small, q, k, v, expected, 1, 3, causal: true);
        small.Forward(q, k, v, actual, 1, 3, causal: true, options: new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        BitAssert.Equal(expected, actual, "after a larger call on this thread");
    }

    /// <summary>Every supported SIMD path with 1, 2 and 3 threads.</summary>
    internal static IEnumerable<CpuExecutionOptions> AllOptions() =>
        from path in Enum.GetValues<SimdPath>()
        where path != SimdPath.Auto && SimdPaths.IsSupported(path)
        from threads in new[] { 1, 2, 3 }
        select new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads };

    private static string Describe(CpuExecutionOptions options) => $"{options.SimdPath}, {options.MaxDegreeOfParallelism} threads";

    /// <summary>Random inputs whose positions past each sequence's valid length hold NaNs and infinities, which no real row may see.</summary>
    private static (float[] Q, float[] K, float[] V) PaddedInputs(AttentionLayer layer, int batch, int sequence, int[] valid, ulong seed)
    {
        (float[] q, float[] k, float[] v) = AttentionTests.Inputs(layer, batch, sequence, seed);
        int w = layer.Width;
        for (int b = 0; b < batch; b++)
        {
            for (int position = valid[b]; position < sequence; position++)
            {
                int row = ((b * sequence) + position) * w;
                k.AsSpan(row, w).Fill(position % 2 == 0 ? float.NaN : float.PositiveInfinity);
                v.AsSpan(row, w).Fill(position % 2 == 0 ? float.NegativeInfinity : float.NaN);
            }
        }

        return (q, k, v);
    }

    /// <summary>An attention layer of any shape, for the CPU only (the generated layers have fixed shapes).</summary>
    private sealed class AnyShapeAttention(int heads, int headDim) : AttentionLayer(heads, headDim)
    {
        protected override Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, AttentionShape> LoadGpuKernel(Accelerator accelerator) =>
            throw new NotSupportedException("A CPU-only test layer.");
    }
}
