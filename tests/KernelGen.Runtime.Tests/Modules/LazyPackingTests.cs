using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Modules;

/// <summary>A linear layer keeps its canonical weight and packs for a device only when it runs there.</summary>
public sealed class LazyPackingTests : IDisposable
{
    private readonly GpuDevice _accelerator = GpuDevice.OpenCpuAccelerator();

    public void Dispose() => _accelerator.Dispose();

    [Fact]
    public void A_layer_used_only_on_a_device_never_packs_for_the_cpu()
    {
        var layer = new TinyUp(seed: 4);
        var input = new Tensor(Values.Uniform(5 * 6, 7, -1f, 1f), 5, 6);

        using Tensor onDevice = layer.To(_accelerator).Forward(input.To(_accelerator));
        float[] deviceBits = onDevice.ToArray();

        Assert.False(layer.IsCpuPacked);
        BitAssert.Equal(layer.Forward(input).Span, deviceBits, "host after device");
        Assert.True(layer.IsCpuPacked);
    }

    [Fact]
    public void New_parameters_are_packed_again_on_the_next_forward_of_each_device()
    {
        var layer = new TinyUp(seed: 4);
        var input = new Tensor(Values.Uniform(3 * 6, 8, -1f, 1f), 3, 6);
        _ = layer.Forward(input);
        using (Tensor warm = layer.Forward(input.To(_accelerator)))
        {
            _ = warm.ToArray();
        }

        var other = new TinyUp(seed: 5);
        layer.SetParameters(other.Weight, other.Bias);

        Assert.False(layer.IsCpuPacked);
        float[] expected = other.Forward(input).Span.ToArray();
        BitAssert.Equal(expected, layer.Forward(input).Span, "host");
        using Tensor onDevice = layer.Forward(input.To(_accelerator));
        BitAssert.Equal(expected, onDevice.ToArray(), "device");
    }
}
