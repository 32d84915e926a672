using System;
using KernelGen.Runtime.Tests.Attention;
using KernelGen.Runtime.Tests.BatchNorm;
using KernelGen.Runtime.Tests.MatMul;
using KernelGen.Runtime.Tests.RowLayers;
using Xunit;

namespace KernelGen.Runtime.Tests.Robustness;

/// <summary>Every GPU layer disposes twice quietly, refuses use after dispose, and refuses a disposed device.</summary>
public sealed class GpuLayerLifetimeTests
{
    [Fact]
    public void Gpu_layers_dispose_twice_quietly_and_refuse_use_after_dispose()
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        float[] row = new float[768];

        GpuRowLayer norm = new Norm768().ToGpu(device);
        norm.Dispose();
        norm.Dispose();
        Assert.Throws<ObjectDisposedException>(() => norm.Forward(row));

        GpuEmbeddingLayer embedding = new SmallEmbedding().ToGpu(device);
        embedding.Dispose();
        embedding.Dispose();
        Assert.Throws<ObjectDisposedException>(() => embedding.Forward([1]));

        GpuAttentionLayer attention = new SmallAttention().ToGpu(device);
        attention.Dispose();
        attention.Dispose();
        Assert.Throws<ObjectDisposedException>(() => attention.Forward(new float[16], new float[16], new float[16], new float[16], 1, 1, causal: false));

        GpuBatchNormLayer batchNorm = new Norm1d4().ToGpu(device);
        batchNorm.Dispose();
        batchNorm.Dispose();
        Assert.Throws<ObjectDisposedException>(() => batchNorm.Forward(new float[8], new float[8], 2, 1));

        GpuMatMulLayer matMul = new Tiny1x3().ToGpu(device);
        matMul.Dispose();
        matMul.Dispose();
        Assert.Throws<ObjectDisposedException>(() => matMul.Forward(new float[1], new float[3], new float[3], 1, 1));
    }

    [Fact]
    public void Gpu_layers_on_a_disposed_device_refuse_work_and_still_dispose()
    {
        GpuDevice device = GpuDevice.OpenCpuAccelerator();
        GpuRowLayer norm = new Norm768().ToGpu(device);
        GpuEmbeddingLayer embedding = new SmallEmbedding().ToGpu(device);
        GpuBatchNormLayer batchNorm = new Norm1d4().ToGpu(device);
        device.Dispose();

        Assert.Throws<ObjectDisposedException>(() => norm.Forward(new float[768]));
        Assert.Throws<ObjectDisposedException>(() => embedding.Forward([1]));
        Assert.Throws<ObjectDisposedException>(() => batchNorm.Forward(new float[8], new float[8], 2, 1));
        norm.Dispose();
        embedding.Dispose();
        batchNorm.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new Norm768().ToGpu(device));
    }

    [Fact]
    public void Concurrent_forward_calls_on_one_row_layer_give_the_sequential_bits()
    {
        RowLayer layer = NormLayerTests.Create("Norm768");
        float[][] inputs = new float[8][];
        float[][] expected = new float[8][];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = RowLayerInvariance.Input(layer, 1 + (i * 5), seed: 300 + (ulong)i);
            expected[i] = layer.Forward(inputs[i], new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        }

        float[][] actual = new float[8][];
        System.Threading.Tasks.Parallel.For(0, 32, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i % 8] = layer.Forward(inputs[i % 8]));
        for (int i = 0; i < inputs.Length; i++)
        {
            Invariance.BitAssert.Equal(expected[i], actual[i], $"input {i}");
        }
    }
}
