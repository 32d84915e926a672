using System;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>
/// A row's output bits depend only on the row: not on the batch size, its position, the thread
/// count or the SIMD path; and they equal a plain scalar FMA loop.
/// </summary>
public class CpuInvarianceTests
{
    private const int Rows = 37; // six 6-row tiles and a 1-row tile (Vector512: three 12-row tiles and a 1-row tile); every prefix meets each leftover-row tile

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Batch_equals_scalar_reference_loop(string name)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, Rows, seed: 1);

        BitAssert.Equal(ReferenceLinear.Forward(layer, input), layer.Forward(input), name);
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Row_alone_equals_row_in_batch(string name)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, Rows, seed: 2);
        float[] batch = layer.Forward(input);

        for (int r = 0; r < Rows; r++)
        {
            float[] alone = layer.Forward(input.AsSpan(r * layer.InFeatures, layer.InFeatures));
            BitAssert.Equal(batch.AsSpan(r * layer.OutFeatures, layer.OutFeatures), alone, $"{name}, row {r}");
        }
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Row_gives_same_bits_at_every_position_of_a_batch(string name)
    {
        LinearLayer layer = LayerCases.Create(name);
        const int batchRows = 9; // a 6-row tile, then the 2-row and 1-row leftover tiles (Vector512: its 6-row, 2-row and 1-row leftover tiles)
        float[] row = LayerCases.Input(layer, 1, seed: 3);
        float[] expected = layer.Forward(row);

        for (int position = 0; position < batchRows; position++)
        {
            float[] batch = LayerCases.Input(layer, batchRows, seed: 100 + (ulong)position);
            row.CopyTo(batch, position * layer.InFeatures);
            float[] output = layer.Forward(batch);
            BitAssert.Equal(expected, output.AsSpan(position * layer.OutFeatures, layer.OutFeatures), $"{name}, position {position}");
        }
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Prefix_of_batch_equals_batch_of_prefix(string name)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, Rows, seed: 4);
        float[] full = layer.Forward(input);

        for (int n = 1; n <= Rows; n++)
        {
            float[] prefix = layer.Forward(input.AsSpan(0, n * layer.InFeatures));
            BitAssert.Equal(full.AsSpan(0, n * layer.OutFeatures), prefix, $"{name}, f(x[:{n}]) vs f(x)[:{n}]");
        }
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Thread_count_does_not_change_bits(string name)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, 150, seed: 5); // three 64-row blocks
        float[] single = layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });

        foreach (int threads in new[] { 2, 3, Environment.ProcessorCount, 8 })
        {
            float[] output = layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = threads });
            BitAssert.Equal(single, output, $"{name}, {threads} threads");
        }

        BitAssert.Equal(single, layer.Forward(input), $"{name}, default options");
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Cutting_the_last_round_of_blocks_into_pieces_does_not_change_bits(string name)
    {
        // 1000 rows: blocks of 96 and a last one of 40 (three 12-row tiles and 4 rows), so that on most thread counts
        // the last round is cut inside blocks, one piece ending in the partial tile.
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, 1000, seed: 6);
        float[] single = layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });

        foreach (int threads in new[] { 2, 3, 5, 7, 16 })
        {
            float[] output = layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = threads });
            BitAssert.Equal(single, output, $"{name}, {threads} threads");
        }
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Every_supported_simd_path_gives_the_same_bits(string name)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, Rows, seed: 6);
        float[] scalar = layer.Forward(input, new CpuExecutionOptions { SimdPath = SimdPath.Scalar });
        int pathsRun = 0;

        foreach (SimdPath path in new[] { SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128 })
        {
            if (!SimdPaths.IsSupported(path))
            {
                continue; // covered by the child-process tests on narrower instruction sets
            }

            BitAssert.Equal(scalar, layer.Forward(input, new CpuExecutionOptions { SimdPath = path }), $"{name}, {path}");
            pathsRun++;
        }

        Assert.True(pathsRun > 0 || !System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, "no vector path ran on a machine with vector hardware");
    }

    [Fact]
    public void Concurrent_forward_calls_on_one_layer_give_the_sequential_bits()
    {
        LinearLayer layer = LayerCases.Create("1024x64");
        float[][] inputs = new float[16][];
        float[][] expected = new float[16][];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = LayerCases.Input(layer, 1 + (i * 7), seed: 200 + (ulong)i);
            expected[i] = layer.Forward(inputs[i], new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        }

        float[][] actual = new float[16][];
        System.Threading.Tasks.Parallel.For(0, 64, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int which = i % 16;
            actual[which] = layer.Forward(inputs[which]);
        });

        for (int i = 0; i < inputs.Length; i++)
        {
            BitAssert.Equal(expected[i], actual[i], $"input {i}");
        }
    }
}
