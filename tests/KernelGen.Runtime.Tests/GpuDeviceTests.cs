using System;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// <see cref="GpuDevice"/>: CUDA is optional and its absence is reported, never crashed on; ILGPU's
/// CPU accelerator is always there.
/// </summary>
public sealed class GpuDeviceTests
{
    private const string NoCuda = "No CUDA device is available";

    [Fact]
    public void OpenCuda_WithoutAGpu_ThrowsGpuUnavailable()
    {
        SkipIfCudaIsPresent();

        var exception = Assert.Throws<GpuUnavailableException>(() => GpuDevice.OpenCuda());

        Assert.StartsWith(NoCuda, exception.Message);
    }

    [Fact]
    public void TryOpenCuda_WithoutAGpu_ReturnsNullAndTheReason()
    {
        SkipIfCudaIsPresent();

        GpuDevice? device = GpuDevice.TryOpenCuda(out string reason);

        Assert.Null(device);
        Assert.StartsWith(NoCuda, reason);
    }

    [Fact]
    public void OpenCuda_WithANegativeIndex_ThrowsBeforeLookingForADevice()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => GpuDevice.OpenCuda(-1));

        Assert.Equal("deviceIndex", exception.ParamName);
        Assert.Equal("deviceIndex", Assert.Throws<ArgumentOutOfRangeException>(() => GpuDevice.TryOpenCuda(out _, -1)).ParamName);
    }

    [Fact]
    public void OpenCpuAccelerator_OpensAUsableDevice()
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();

        Assert.Equal(GpuDeviceKind.CpuAccelerator, device.Kind);
        Assert.False(string.IsNullOrWhiteSpace(device.Name));
        Assert.Equal(device.Accelerator.Name, device.Name);
        Assert.Equal($"{device.Name} (CpuAccelerator)", device.ToString());
        Assert.False(device.IsDisposed);
    }

    [Fact]
    public void CpuAcceleratorLayer_GivesTheCpuLayersBits()
    {
        var layer = new Unit5x3(seed: 9);
        Tensor input = Tensor.Uniform(new PhiloxRandom(seed: 10), -1f, 1f, 7, 5);
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        using GpuLinearLayer onDevice = layer.ToGpu(device);

        Tensor expected = layer.Forward(input);
        Tensor actual = onDevice.Forward(input);

        Assert.Same(device, onDevice.Device);
        Assert.Equal((5, 3), (onDevice.InFeatures, onDevice.OutFeatures));
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(ToBits(expected), ToBits(actual));
    }

    [Fact]
    public void DisposedDevice_RefusesItsAccelerator_AndDisposesTwiceQuietly()
    {
        GpuDevice device = GpuDevice.OpenCpuAccelerator();

        device.Dispose();
        device.Dispose();

        Assert.True(device.IsDisposed);
        Assert.Equal(typeof(GpuDevice).FullName, Assert.Throws<ObjectDisposedException>(() => device.Accelerator).ObjectName);
    }

    private static void SkipIfCudaIsPresent()
    {
        GpuDevice? device = GpuDevice.TryOpenCuda(out _);
        if (device is not null)
        {
            device.Dispose();
            Assert.Skip("This machine has a CUDA device; the no-GPU behaviour cannot be observed here.");
        }
    }

    private static uint[] ToBits(Tensor tensor) =>
        Array.ConvertAll(tensor.Span.ToArray(), BitConverter.SingleToUInt32Bits);
}
