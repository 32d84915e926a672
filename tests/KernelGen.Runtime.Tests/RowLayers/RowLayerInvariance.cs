using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>
/// The invariance checks every row-wise layer must pass: a row's bits do not depend on the batch,
/// its position, the thread count, in-place execution or the device.
/// </summary>
internal static class RowLayerInvariance
{
    /// <summary>Random rows in ±4 (Philox, so the same on every machine), with one row of large values and one constant row.</summary>
    public static float[] Input(RowLayer layer, int rows, ulong seed)
    {
        var input = new float[rows * layer.InFeatures];
        new PhiloxRandom(seed).Fill(input, -4f, 4f);
        if (rows > 2)
        {
            input.AsSpan(layer.InFeatures, layer.InFeatures).Fill(3.25f); // zero variance
            Span<float> large = input.AsSpan(2 * layer.InFeatures, layer.InFeatures);
            for (int i = 0; i < large.Length; i++)
            {
                large[i] *= 1e30f;
            }
        }

        return input;
    }

    /// <summary>Every row alone, every prefix, and 1, 2 and all threads give the bits of the full batch.</summary>
    public static void BatchPositionAndThreads(RowLayer layer, int rows)
    {
        float[] input = Input(layer, rows, seed: 11);
        float[] full = layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        foreach (int threads in new[] { 2, Environment.ProcessorCount })
        {
            BitAssert.Equal(full, layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = threads }), $"{layer.GetType().Name}, {threads} threads");
        }

        for (int row = 0; row < rows; row++)
        {
            float[] alone = layer.Forward(input.AsSpan(row * layer.InFeatures, layer.InFeatures));
            BitAssert.Equal(full.AsSpan(row * layer.OutFeatures, layer.OutFeatures), alone, $"{layer.GetType().Name}, row {row} alone");
            float[] prefix = layer.Forward(input.AsSpan(0, (row + 1) * layer.InFeatures));
            BitAssert.Equal(full.AsSpan(0, (row + 1) * layer.OutFeatures), prefix, $"{layer.GetType().Name}, first {row + 1} rows");
        }
    }

    /// <summary>Running in place (output = input) gives the bits of a separate output.</summary>
    public static void InPlace(RowLayer layer, int rows)
    {
        float[] input = Input(layer, rows, seed: 12);
        float[] expected = layer.Forward(input);
        layer.Forward(input, input);
        BitAssert.Equal(expected, input, $"{layer.GetType().Name} in place");
    }

    /// <summary>The layer on <paramref name="device"/>, through host spans and device views, gives the CPU's bits; so does each row alone.</summary>
    public static void DeviceEqualsCpu(GpuDevice device, RowLayer layer, int rows)
    {
        float[] input = Input(layer, rows, seed: 13);
        float[] cpu = layer.Forward(input);
        using GpuRowLayer onDevice = layer.ToGpu(device);
        BitAssert.Equal(cpu, onDevice.Forward(input), $"{layer.GetType().Name} on {device}");

        int[] samples = [0, rows / 2, rows - 1];
        foreach (int row in samples)
        {
            float[] alone = onDevice.Forward(input.AsSpan(row * layer.InFeatures, layer.InFeatures));
            BitAssert.Equal(cpu.AsSpan(row * layer.OutFeatures, layer.OutFeatures), alone, $"{layer.GetType().Name} on {device}, row {row} alone");
        }

        using var buffer = device.Accelerator.Allocate1D<float>(input.Length);
        buffer.CopyFromCPU(input);
        onDevice.Forward(buffer.View, buffer.View); // in place, on the device
        BitAssert.Equal(cpu, buffer.GetAsArray1D(), $"{layer.GetType().Name} on {device}, in place on device views");
    }
}
