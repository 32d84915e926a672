using System;
using BertEncoder;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Sharding;

/// <summary>
/// Sharding over two CUDA contexts of device 0 (GpuDevice.OpenCuda opens a context of its own each time), and over
/// CUDA and the host: the bits of the host. Two contexts of one GPU share its memory and multiprocessors, so this
/// tests the sharding on CUDA, not the speed of several GPUs. Skipped, with the reason, where no CUDA device exists.
/// </summary>
[Trait("Category", "Cuda")]
public sealed class CudaParallelTests
{
    [Theory]
    [InlineData(64)]  // 32 + 32: the tiled kernels on each context
    [InlineData(45)]  // 23 + 22 + 0 on cuda+cuda, 15 + 15 + 15 with the host
    [InlineData(1)]
    public void Residual_stack_over_two_contexts_of_cuda_device_0_gives_the_host_bits(int rows)
    {
        GpuDevice first = CudaDevice.Get();
        using GpuDevice second = GpuDevice.OpenCuda(0);
        var model = new ResidualStack.Model(seed: 2026);
        Tensor x = Tensor.Uniform(new PhiloxRandom(seed: 7), -2f, 2f, rows, ResidualStack.Model.Width);
        float[] expected = model.Forward(x).ToArray();

        using (Tensor y = model.To([first, second]).Forward(x, (m, shard) => m.Forward(shard)))
        {
            BitAssert.Equal(expected, y.ToArray(), $"residual stack, {rows} rows over two CUDA contexts");
        }

        using Tensor onFirst = x.To(first);
        using Tensor z = model.To([first, Device.Cpu, second]).Forward(onFirst, (m, shard) => m.Forward(shard));
        Assert.Same(first, z.Device);
        BitAssert.Equal(expected, z.ToArray(), $"residual stack, {rows} rows over cuda+cpu+cuda");
        model.To(Device.Cpu); // free the parameters on the second context before it closes
    }

    [Fact]
    public void Encoder_with_padding_over_two_contexts_of_cuda_device_0_gives_the_host_bits()
    {
        GpuDevice first = CudaDevice.Get();
        using GpuDevice second = GpuDevice.OpenCuda(0);
        const int batch = 9;
        const int sequence = 16;
        int[] valid = [16, 3, 9, 1, 16, 12, 5, 16, 7];
        int[] ids = Array.ConvertAll(ColumnParallelLinearTests.Values(batch * sequence, seed: 3), draw => (int)((draw + 1f) * 255.5f));
        Encoder encoder = Encoder.CreateFp16(seed: 5);
        float[] expected = encoder.Encode(ids, batch, sequence, valid);

        using Tensor y = encoder.To([first, second]).Forward(batch, (e, shard) =>
            e.Forward(shard.Take<int>(ids), shard.Count, sequence, shard.Take<int>(valid)));

        BitAssert.Equal(expected, y.ToArray(), "encoder, 9 sequences over two CUDA contexts");
        encoder.To(Device.Cpu);
    }

    [Theory]
    [InlineData("50+50", 300)]
    [InlineData("33+67", 7)]
    public void Column_split_over_two_contexts_of_cuda_device_0_gives_the_unsplit_bits(string split, int rows)
    {
        GpuDevice first = CudaDevice.Get();
        using GpuDevice second = GpuDevice.OpenCuda(0);
        var layer = new SplitLinear(seed: 9);
        var x = new Tensor(ColumnParallelLinearTests.Values(rows * layer.InFeatures, seed: 10), rows, layer.InFeatures);
        float[] expected = layer.Forward(x).ToArray();
        var parallel = new ColumnParallelLinear(layer, ColumnParallelLinearTests.Shards(split), [first, second]);

        using Tensor y = parallel.Forward(x);

        BitAssert.Equal(expected, y.ToArray(), $"{split} over two CUDA contexts, {rows} rows");
        foreach (LinearLayer shard in parallel.Shards)
        {
            shard.To(Device.Cpu);
        }
    }
}
