using System;
using KernelGen.Runtime.Tests.Invariance;
using KernelGen.Runtime.Tests.RowLayers;
using Xunit;

namespace KernelGen.Runtime.Tests.Robustness;

/// <summary>
/// The GPU failures a user can meet: out of device memory, a kernel that fails to load. Each gives a
/// clear exception, and the device stays usable and disposes without throwing.
/// </summary>
public sealed class GpuFailureTests
{
    [Fact]
    [Trait("Category", "Cuda")]
    public void Allocating_more_than_the_device_has_is_a_clear_error_and_the_device_stays_usable()
    {
        GpuDevice device = CudaDevice.Get();
        long floats = (device.Accelerator.MemorySize / sizeof(float)) + (1L << 28); // 1 GiB more than the whole device

        var error = Assert.Throws<GpuOutOfMemoryException>(() => device.Allocate(floats));
        Assert.Equal(floats * sizeof(float), error.RequestedBytes);
        Assert.StartsWith($"Allocating a buffer of {floats * sizeof(float):N0} bytes on {device.Name} failed: the device is out of memory", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);

        using (var buffer = device.Allocate(1 << 20))
        {
            Assert.Equal(1 << 20, buffer.Length);
        }

        RowLayerInvariance.DeviceEqualsCpu(device, NormLayerTests.Create("Norm768"), rows: 64);
    }

    [Fact]
    [Trait("Category", "Cuda")]
    public void A_kernel_that_fails_to_load_is_reported_and_the_device_stays_usable_and_disposes_quietly()
    {
        _ = CudaDevice.Get(); // skips without a GPU
        GpuDevice device = GpuDevice.OpenCuda(); // its own device: the test disposes it
        try
        {
            var error = Assert.Throws<KernelLoadException>(() => new BrokenKernelNorm().ToGpu(device));
            Assert.Equal(typeof(BrokenKernelNorm), error.LayerType);
            Assert.StartsWith($"The GPU kernel of {typeof(BrokenKernelNorm).FullName} failed to load on {device.Name}: ", error.Message, StringComparison.Ordinal);

            // Not cached: a second attempt reports again, and other kernels still load and run.
            Assert.Throws<KernelLoadException>(() => new BrokenKernelNorm().ToGpu(device));
            RowLayerInvariance.DeviceEqualsCpu(device, NormLayerTests.Create("Rms100"), rows: 10);
            var linear = new Projection1024x64(seed: 3);
            float[] input = LayerCases.Input(linear, 4, seed: 4);
            using GpuLinearLayer onDevice = linear.ToGpu(device);
            BitAssert.Equal(linear.Forward(input), onDevice.Forward(input), "a Linear after a failed load");
        }
        finally
        {
            device.Dispose(); // ILGPU has thrown "invalid resource handle" here after a failed load
        }

        device.Dispose(); // twice: quiet
        Assert.Throws<ObjectDisposedException>(() => new Norm768().ToGpu(device));
    }

    [Fact]
    public void Allocate_refuses_a_negative_length_on_every_device()
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => device.Allocate(-1));
        Assert.Equal("length", error.ParamName);
    }
}
