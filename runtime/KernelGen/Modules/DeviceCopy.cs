using System;

namespace KernelGen;

/// <summary>
/// A layer's parameters on one GPU (a <c>Gpu*Layer</c> twin), made on first use or on <c>To(gpu)</c> and kept
/// until the parameters change or the layer moves to another device. One device at a time.
/// </summary>
/// <typeparam name="TCopy">The twin type.</typeparam>
/// <param name="create">Uploads the layer's parameters to a device.</param>
internal sealed class DeviceCopy<TCopy>(Func<GpuDevice, TCopy> create)
    where TCopy : class, IDisposable
{
    private readonly object _gate = new();
    private GpuDevice? _device;
    private TCopy? _copy;

    /// <summary>The copy on <paramref name="device"/>, uploading it first when there is none.</summary>
    public TCopy On(GpuDevice device)
    {
        lock (_gate)
        {
            if (_copy is null || !ReferenceEquals(_device, device) || device.IsDisposed)
            {
                ReleaseCore();
                _copy = create(device);
                _device = device;
            }

            return _copy;
        }
    }

    /// <summary>Uploads to <paramref name="device"/> when it is a GPU; frees the copy when it is the host.</summary>
    public void MoveTo(Device device)
    {
        if (device is GpuDevice gpu)
        {
            On(gpu);
        }
        else
        {
            Release();
        }
    }

    /// <summary>Frees the device copy (the next GPU use uploads again).</summary>
    public void Release()
    {
        lock (_gate)
        {
            ReleaseCore();
        }
    }

    private void ReleaseCore()
    {
        _copy?.Dispose();
        _copy = null;
        _device = null;
    }
}
