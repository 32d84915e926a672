using System;

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
