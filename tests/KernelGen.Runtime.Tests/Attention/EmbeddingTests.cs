using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Attention;

/// <summary>Embedding tables: exact row copies on CPU and GPU, and clear errors for bad ids.</summary>
public sealed class EmbeddingTests
{
    private static SmallEmbedding Table()
    {
        var layer = new SmallEmbedding();
        var weight = new float[50 * 12];
        new PhiloxRandom(seed: 12).Fill(weight, -1f, 1f);
        weight[7] = float.NaN; // copied as is: an embedding does no arithmetic
        layer.SetParameters(weight);
        return layer;
    }

    [Fact]
    public void Each_id_selects_its_row_exactly()
    {
        SmallEmbedding layer = Table();
        int[] ids = [3, 0, 49, 3, 17];
        float[] output = layer.Forward(ids);
        for (int i = 0; i < ids.Length; i++)
        {
            BitAssert.Equal(layer.Weight.Slice(ids[i] * 12, 12), output.AsSpan(i * 12, 12), $"id {ids[i]}");
        }
    }

    [Fact]
    public void Position_rows_repeat_for_each_sequence()
    {
        SmallEmbedding layer = Table();
        using Tensor positions = layer.ForwardPositions(Device.Cpu, batch: 3, sequence: 4);
        Assert.Equal([3, 4, 12], positions.Shape);
        float[] values = positions.ToArray();
        for (int row = 0; row < 12; row++)
        {
            BitAssert.Equal(layer.Weight.Slice(row % 4 * 12, 12), values.AsSpan(row * 12, 12), $"row {row}");
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => layer.ForwardPositions(Device.Cpu, batch: 1, sequence: 51));
        Assert.StartsWith("sequence ('51') must be less than or equal to '50'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_accelerator_equals_cpu() => DeviceEqualsCpu(GpuDevice.OpenCpuAccelerator(), dispose: true);

    [Fact]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu() => DeviceEqualsCpu(CudaDevice.Get(), dispose: false);

    [Fact]
    public void Bad_ids_and_lengths_are_refused_with_the_position_and_the_value()
    {
        SmallEmbedding layer = Table();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward([1, 2, 50]));
        Assert.Equal("ids[2] is 50; it must be in [0, 50). (Parameter 'ids')\nActual value was 50.", error.Message.ReplaceLineEndings("\n"));
        error = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward([-1]));
        Assert.StartsWith("ids[0] is -1; it must be in [0, 50).", error.Message, StringComparison.Ordinal);
        var shape = Assert.Throws<ArgumentException>(() => layer.Forward([1, 2], new float[23]));
        Assert.Equal("output has 23 values; 2 ids need [2, 12] = 24. (Parameter 'output')", shape.Message);
        var weight = Assert.Throws<ArgumentException>(() => layer.SetParameters(new float[12]));
        Assert.Equal("weight has 12 values; a SmallEmbedding needs [50, 12] = 600. (Parameter 'weight')", weight.Message);
        Assert.Equal(0, new WordEmbedding().PaddingIndex);
    }

    private static void DeviceEqualsCpu(GpuDevice device, bool dispose)
    {
        try
        {
            SmallEmbedding layer = Table();
            int[] ids = [0, 49, 5, 5, 31, 0];
            using GpuEmbeddingLayer onDevice = layer.ToGpu(device);
            BitAssert.Equal(layer.Forward(ids), onDevice.Forward(ids), $"embedding on {device}");
            Assert.Throws<ArgumentOutOfRangeException>(() => onDevice.Forward([60]));

            // Device-resident ids are not checked on the host: an out-of-range id gives canonical NaNs, never a stray read.
            using var deviceIds = device.Accelerator.Allocate1D(new[] { 2, 60 });
            using var deviceOutput = device.Allocate(24);
            onDevice.Forward(deviceIds.View, deviceOutput.View);
            device.Synchronize();
            float[] rows = deviceOutput.GetAsArray1D();
            BitAssert.Equal(layer.Weight.Slice(2 * 12, 12), rows.AsSpan(0, 12), "id 2");
            Assert.All(rows.AsSpan(12).ToArray(), value => Assert.Equal(DetMath.CanonicalNaNBits, BitConverter.SingleToUInt32Bits(value)));
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
