using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.MatMul;

[MatMul(innerSize: 64, columns: 70)]
public sealed partial class Scores64x70;

[MatMul(1, 3)]
public sealed partial class Tiny1x3;

[MatMul(innerSize: 33, columns: 17)]
public sealed partial class Odd33x17;

[MatMul(innerSize: 5, columns: 100)]
public sealed partial class Wide5x100;

/// <summary>Batched MatMul: one FMA chain per output, the same bits whatever the batch, m, threads or device.</summary>
public sealed class MatMulTests
{
    private static (float[] A, float[] B) Operands(MatMulLayer layer, int batch, int m, ulong seed)
    {
        float[] a = new float[batch * m * layer.InnerSize], b = new float[batch * layer.InnerSize * layer.Columns];
        new PhiloxRandom(seed, 0).Fill(a, -1f, 1f);
        new PhiloxRandom(seed, 1).Fill(b, -1f, 1f);
        return (a, b);
    }

    [Fact]
    public void Every_output_is_one_fma_chain_k_ascending()
    {
        var layer = new Scores64x70();
        (float[] a, float[] b) = Operands(layer, 3, 5, seed: 1);
        float[] c = new float[3 * 5 * 70];
        layer.Forward(a, b, c, 3, 5);
        for (int batch = 0; batch < 3; batch++)
        {
            for (int i = 0; i < 5; i++)
            {
                for (int j = 0; j < 70; j++)
                {
                    float acc = 0f;
                    for (int k = 0; k < 64; k++)
                    {
                        acc = MathF.FusedMultiplyAdd(a[(((batch * 5) + i) * 64) + k], b[(((batch * 64) + k) * 70) + j], acc);
                    }

                    Assert.Equal(BitConverter.SingleToInt32Bits(acc), BitConverter.SingleToInt32Bits(c[(((batch * 5) + i) * 70) + j]));
                }
            }
        }
    }

    public static TheoryData<string> Layers => new(["64x70", "1x3", "33x17", "5x100"]);

    private static MatMulLayer Create(string name) => name switch
    {
        "64x70" => new Scores64x70(),
        "1x3" => new Tiny1x3(),
        "33x17" => new Odd33x17(),
        _ => new Wide5x100(),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_supported_simd_path_and_thread_count_gives_the_scalar_bits(string name)
    {
        MatMulLayer layer = Create(name);
        foreach ((int batch, int m) in new[] { (1, 1), (3, 4), (7, 5), (2, 9) })
        {
            (float[] a, float[] b) = Operands(layer, batch, m, seed: (ulong)(batch * 16) + (ulong)m);
            float[] scalar = new float[batch * m * layer.Columns];
            layer.Forward(a, b, scalar, batch, m, new CpuExecutionOptions { SimdPath = SimdPath.Scalar, MaxDegreeOfParallelism = 1 });
            Assert.Equal(Reference(layer, a, b, batch, m), scalar);

            foreach (SimdPath path in new[] { SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128 })
            {
                if (!SimdPaths.IsSupported(path))
                {
                    continue;
                }

                foreach (int threads in new[] { 1, 2, 3 })
                {
                    float[] c = new float[scalar.Length];
                    layer.Forward(a, b, c, batch, m, new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads });
                    BitAssert.Equal(scalar, c, $"{name}, batch {batch}, m {m}, {path}, {threads} threads");
                }
            }
        }
    }

    private static float[] Reference(MatMulLayer layer, float[] a, float[] b, int batch, int m)
    {
        int k = layer.InnerSize, n = layer.Columns;
        float[] c = new float[batch * m * n];
        for (int row = 0; row < batch * m; row++)
        {
            for (int j = 0; j < n; j++)
            {
                float acc = 0f;
                for (int i = 0; i < k; i++)
                {
                    acc = MathF.FusedMultiplyAdd(a[(row * k) + i], b[(((row / m) * k) + i) * n + j], acc);
                }

                c[(row * n) + j] = acc;
            }
        }

        return c;
    }

    [Fact]
    public void A_product_alone_equals_the_same_product_in_a_batch_and_threads_do_not_matter()
    {
        var layer = new Scores64x70();
        (float[] a, float[] b) = Operands(layer, 4, 9, seed: 2);
        float[] all = new float[4 * 9 * 70];
        layer.Forward(a, b, all, 4, 9, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        float[] threaded = new float[all.Length];
        layer.Forward(a, b, threaded, 4, 9, new CpuExecutionOptions { MaxDegreeOfParallelism = Environment.ProcessorCount });
        BitAssert.Equal(all, threaded, "threads");
        for (int batch = 0; batch < 4; batch++)
        {
            float[] alone = new float[9 * 70];
            layer.Forward(a.AsSpan(batch * 9 * 64, 9 * 64), b.AsSpan(batch * 64 * 70, 64 * 70), alone, 1, 9);
            BitAssert.Equal(all.AsSpan(batch * 9 * 70, 9 * 70), alone, $"product {batch} alone");
            float[] oneRow = new float[70];
            layer.Forward(a.AsSpan(((batch * 9) + 8) * 64, 64), b.AsSpan(batch * 64 * 70, 64 * 70), oneRow, 1, 1);
            BitAssert.Equal(all.AsSpan(((batch * 9) + 8) * 70, 70), oneRow, $"product {batch}, last row alone");
        }
    }

    [Fact]
    public void Cpu_accelerator_equals_cpu() => DeviceEqualsCpu(GpuDevice.OpenCpuAccelerator(), dispose: true);

    [Fact]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu() => DeviceEqualsCpu(CudaDevice.Get(), dispose: false);

    [Fact]
    public void Errors_name_the_operand_and_the_shapes()
    {
        var layer = new Scores64x70();
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[2 * 3 * 64], new float[2 * 64 * 70], new float[2 * 3 * 69], 2, 3));
        Assert.Equal("c has 414 values; batch 2 with m 3 needs [2, 3, 70] = 420. (Parameter 'c')", error.Message);
        error = Assert.Throws<ArgumentException>(() => new Tiny1x3().Forward(new float[2], new float[2], new float[6], 2, 1));
        Assert.Equal("b has 2 values; batch 2 with m 1 needs [2, 1, 3] = 6. (Parameter 'b')", error.Message);
    }

    private static void DeviceEqualsCpu(GpuDevice device, bool dispose)
    {
        try
        {
            foreach (MatMulLayer layer in new MatMulLayer[] { new Scores64x70(), new Tiny1x3() })
            {
                (float[] a, float[] b) = Operands(layer, 3, 7, seed: 3);
                float[] cpu = new float[3 * 7 * layer.Columns], gpu = new float[cpu.Length];
                layer.Forward(a, b, cpu, 3, 7);
                using GpuMatMulLayer onDevice = layer.ToGpu(device);
                onDevice.Forward(a, b, gpu, 3, 7);
                BitAssert.Equal(cpu, gpu, $"{layer.GetType().Name} on {device}");
            }
        }
        finally
        {
            if (dispose)
            {
                device.Dispose();
            }
        }
    }
}
