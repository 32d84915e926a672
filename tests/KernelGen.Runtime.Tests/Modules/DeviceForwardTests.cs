using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Modules;

/// <summary>One user-written Forward runs on the host and on a GPU device with the same bits.</summary>
public sealed class DeviceForwardTests : IDisposable
{
    private readonly GpuDevice _accelerator = GpuDevice.OpenCpuAccelerator();

    public void Dispose() => _accelerator.Dispose();

    [Fact]
    public void Model_forward_on_the_cpu_accelerator_equals_the_host()
    {
        AssertDeviceEqualsHost(_accelerator);
    }

    [Fact]
    [Trait("Category", "Cuda")]
    public void Model_forward_on_cuda_equals_the_host()
    {
        AssertDeviceEqualsHost(CudaDevice.Get());
    }

    [Fact]
    public void To_moves_every_module_and_returns_the_same_typed_module()
    {
        var model = new TinyModel();

        TinyModel moved = model.To(_accelerator);

        Assert.Same(model, moved);
        Assert.All(model.NamedModules(), named => Assert.Same(_accelerator, named.Value.Device));
        Assert.Same(Device.Cpu, model.To(Device.Cpu).Blocks[0].Fc1.Device);
    }

    [Fact]
    public void Steady_state_forward_rents_from_the_pool_without_allocating()
    {
        var model = new TinyModel().To(_accelerator);
        int[] ids = Values.Ids(2 * 5, seed: 8);
        float[] first;
        using (Tensor warm = model.Forward(ids, 2, 5, _accelerator))
        {
            first = warm.ToArray();
        }

        TensorPoolStatistics before = _accelerator.Pool.Statistics;
        for (int call = 0; call < 5; call++)
        {
            using Tensor output = model.Forward(ids, 2, 5, _accelerator);
            BitAssert.Equal(first, output.ToArray(), $"call {call + 2}");
        }

        TensorPoolStatistics after = _accelerator.Pool.Statistics;
        Assert.Equal(before.Allocations, after.Allocations);
        Assert.Equal(before.BytesAllocated, after.BytesAllocated);
        Assert.True(after.Rents - before.Rents >= 5 * 10, $"{after.Rents - before.Rents} rents in 5 calls");
        Assert.Equal(after.Rents - before.Rents, after.Returns - before.Returns);
        Assert.Equal(0, after.BytesRented);
    }

    [Fact]
    public void Matmul_and_elementwise_tensors_give_the_host_bits_on_the_device()
    {
        var matMul = new TinyMatMul();
        using var scope = TensorScope.Begin();
        var a = new Tensor(Values.Uniform(2 * 4 * 6, 1, -1f, 1f), 2, 4, 6);
        var b = new Tensor(Values.Uniform(2 * 6 * 5, 2, -1f, 1f), 2, 6, 5);

        Tensor onHost = matMul.Forward(a, b) * matMul.Forward(a, b);
        Tensor onDevice = matMul.Forward(a.To(_accelerator), b.To(_accelerator)) * matMul.Forward(a.To(_accelerator), b.To(_accelerator));

        Assert.Equal([2, 4, 5], onDevice.Shape);
        Assert.Same(_accelerator, onDevice.Device);
        BitAssert.Equal(onHost.Span, onDevice.ToArray(), "matmul squared");
    }

    [Fact]
    public void Operands_on_different_devices_are_refused_by_name()
    {
        using Tensor onDevice = Tensor.Zeros(_accelerator, 2, 6);
        var onHost = new Tensor(2, 6);

        ArgumentException error = Assert.Throws<ArgumentException>(() => Tensor.Add(onDevice, onHost));

        Assert.Equal($"b is Tensor(2, 6), on cpu; the other operands are on {_accelerator.Description}. Move it with To(device) first. (Parameter 'b')", error.Message);
    }

    private static void AssertDeviceEqualsHost(GpuDevice device)
    {
        var model = new TinyModel(seed: 3);
        int[] ids = Values.Ids(3 * 7, seed: 11);
        float[] expected = model.Forward(ids, 3, 7, Device.Cpu).ToArray();

        using Tensor onDevice = model.To(device).Forward(ids, 3, 7, device);

        Assert.Same(device, onDevice.Device);
        Assert.Equal([21, 3], onDevice.Shape);
        BitAssert.Equal(expected, onDevice.ToArray(), $"TinyModel on {device.Description}");
    }
}
