using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>The checks shared by the ILGPU CPU accelerator and CUDA: device bits equal CPU bits, for any batch and position.</summary>
internal static class DeviceInvariance
{
    public static void DeviceEqualsCpu(GpuDevice device, string name, int rows)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, rows, seed: 21);
        float[] cpu = layer.Forward(input);

        using GpuLinearLayer onDevice = layer.ToGpu(device);
        BitAssert.Equal(cpu, onDevice.Forward(input), $"{name} on {device}");
    }

    /// <summary>Every tiled kernel of the layer, forced, gives the CPU's bits, with the input 16-byte aligned and 4 bytes off.</summary>
    public static void EveryTileEqualsCpu(GpuDevice device, string name, int rows)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, rows, seed: 24);
        float[] cpu = layer.Forward(input);
        using GpuLinearLayer onDevice = layer.ToGpu(device);
        using var deviceInput = device.Accelerator.Allocate1D<float>(input.Length + 1);
        using var deviceOutput = device.Accelerator.Allocate1D<float>(cpu.Length);
        foreach (int offset in new[] { 0, 1 }) // 16-byte aligned (vector loads where K allows), then 4 bytes off
        {
            var view = deviceInput.View.SubView(offset, input.Length).AsContiguous();
            view.CopyFromCPU(input);
            foreach (TiledGpuKernel tile in onDevice.Kernels.Tiles)
            {
                Assert.Equal(offset == 0 && layer.InFeatures % 4 == 0, tile.ReadsVectors(view));
                deviceOutput.MemSetToZero();
                onDevice.Forward(view, deviceOutput.View.AsContiguous(), tile);
                device.Synchronize();
                BitAssert.Equal(cpu, deviceOutput.GetAsArray1D(), $"{name} on {device}, tile {tile.TileRows}x{tile.TileColumns}, input offset {offset}");
            }
        }
    }

    public static void PrefixesAndRowsAlone(GpuDevice device, string name, int rows)
    {
        LinearLayer layer = LayerCases.Create(name);
        float[] input = LayerCases.Input(layer, rows, seed: 22);
        using GpuLinearLayer onDevice = layer.ToGpu(device);
        float[] full = onDevice.Forward(input);

        for (int n = 1; n <= rows; n++)
        {
            float[] prefix = onDevice.Forward(input.AsSpan(0, n * layer.InFeatures));
            BitAssert.Equal(full.AsSpan(0, n * layer.OutFeatures), prefix, $"{name} on {device}, f(x[:{n}]) vs f(x)[:{n}]");

            float[] alone = onDevice.Forward(input.AsSpan((n - 1) * layer.InFeatures, layer.InFeatures));
            BitAssert.Equal(full.AsSpan((n - 1) * layer.OutFeatures, layer.OutFeatures), alone, $"{name} on {device}, row {n - 1} alone");
        }
    }
}
