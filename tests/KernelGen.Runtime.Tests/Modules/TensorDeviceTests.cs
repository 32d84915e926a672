using System;
using Xunit;

namespace KernelGen.Runtime.Tests.Modules;

/// <summary>Tensors that know their device: copies, host-only members, disposal and scopes.</summary>
public sealed class TensorDeviceTests : IDisposable
{
    private readonly GpuDevice _accelerator = GpuDevice.OpenCpuAccelerator();

    public void Dispose() => _accelerator.Dispose();

    [Fact]
    public void To_copies_to_the_device_and_back_and_returns_itself_on_its_own_device()
    {
        var host = new Tensor(Values.Uniform(12, 1, -1f, 1f), 3, 4);

        using Tensor onDevice = host.To(_accelerator);

        Assert.Same(host, host.To(Device.Cpu));
        Assert.Same(onDevice, onDevice.To(_accelerator));
        Assert.Equal(host.Span.ToArray(), onDevice.ToArray());
        Assert.Equal(host.Span.ToArray(), onDevice.To(Device.Cpu).Span.ToArray());
        Assert.Equal(host.Span.Slice(4, 8).ToArray(), onDevice.SliceRows(1, 2).ToArray());
        Assert.Equal([2, 6], onDevice.Reshape(2, 6).Shape);
    }

    [Fact]
    public void Host_only_members_of_a_device_tensor_say_what_to_do()
    {
        using Tensor onDevice = Tensor.Zeros(_accelerator, 2, 3);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => onDevice.Span.Length);

        Assert.Equal(
            $"Tensor(2, 3) on {_accelerator.Description} lives on the device, not in host memory: Memory is for host tensors. Use ToArray(), CopyTo(span) or To(Device.Cpu).",
            error.Message);
        Assert.Throws<InvalidOperationException>(() => new Tensor(2, 3).View);
    }

    [Fact]
    public void A_disposed_tensor_names_itself_and_its_views_fail_too()
    {
        Tensor onDevice = Tensor.Zeros(_accelerator, 2, 3);
        Tensor view = onDevice.SliceRows(1, 1);
        onDevice.Dispose();
        onDevice.Dispose(); // twice is fine

        ObjectDisposedException error = Assert.Throws<ObjectDisposedException>(() => onDevice.ToArray());
        Assert.Equal($"Tensor(2, 3) on {_accelerator.Description}", error.ObjectName);
        Assert.StartsWith($"Tensor(2, 3) on {_accelerator.Description} was disposed and its memory went back to the pool", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => view.ToArray());

        var host = new Tensor(4);
        host.Dispose();
        Assert.Equal("Tensor(4,)", Assert.Throws<ObjectDisposedException>(() => host.Span.Length).ObjectName);
    }

    [Fact]
    public void A_scope_returns_its_tensors_to_the_pool_and_keeps_what_it_is_told()
    {
        TensorPoolStatistics before = _accelerator.Pool.Statistics;
        Tensor kept;
        Tensor dropped;
        var host = new Tensor(Values.Uniform(6, 2, -1f, 1f), 6);
        using (var scope = TensorScope.Begin())
        {
            dropped = host.To(_accelerator);
            kept = scope.Keep(dropped + dropped);
            Assert.Equal(1, scope.Count);
        }

        Assert.True(dropped.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal(before.BytesRented + TensorPool.SizeClassOf(6) * sizeof(float), _accelerator.Pool.Statistics.BytesRented);
        kept.Dispose();
        Assert.Equal(before.BytesRented, _accelerator.Pool.Statistics.BytesRented);
    }

    [Fact]
    public void Pool_size_classes_waste_at_most_a_fifth()
    {
        Assert.Equal(256, TensorPool.SizeClassOf(1));
        Assert.Equal(256, TensorPool.SizeClassOf(256));
        Assert.Equal(320, TensorPool.SizeClassOf(257));
        Assert.Equal(1024, TensorPool.SizeClassOf(1000));
        Assert.Equal(1280, TensorPool.SizeClassOf(1025));
        for (long length = 257; length < 100_000; length += 37)
        {
            long size = TensorPool.SizeClassOf(length);
            Assert.InRange(size, length, length + (length / 4));
        }
    }
}
