using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// A layer's parameters on the GPUs it runs on (a <c>Gpu*Layer</c> twin per device), made on first use there or on
/// <c>To(…)</c>, and kept until the parameters change or <c>To(…)</c> names other devices. One copy per device, so
/// that a module placed on several devices (<see cref="DataParallel{TModule}"/>) runs a shard on each at once.
/// </summary>
/// <typeparam name="TCopy">The twin type.</typeparam>
/// <param name="create">Uploads the layer's parameters to a device.</param>
internal sealed class DeviceCopy<TCopy>(Func<GpuDevice, TCopy> create)
    where TCopy : class, IDisposable
{
    private readonly object _gate = new();
    private readonly List<(GpuDevice Device, TCopy Copy)> _copies = [];

    /// <summary>The copy on <paramref name="device"/>, uploading it first when there is none.</summary>
    public TCopy On(GpuDevice device)
    {
        lock (_gate)
        {
            _copies.RemoveAll(static entry => entry.Device.IsDisposed); // the accelerator freed their memory
            foreach ((GpuDevice existing, TCopy copy) in _copies)
            {
                if (ReferenceEquals(existing, device))
                {
                    return copy;
                }
            }

            TCopy created = create(device);
            _copies.Add((device, created));
            return created;
        }
    }

    /// <summary>Uploads to every GPU of <paramref name="devices"/> and frees the copies on any other GPU (the host needs none).</summary>
    public void MoveTo(IReadOnlyList<Device> devices)
    {
        lock (_gate)
        {
            for (int i = _copies.Count - 1; i >= 0; i--)
            {
                if (!Contains(devices, _copies[i].Device))
                {
                    _copies[i].Copy.Dispose();
                    _copies.RemoveAt(i);
                }
            }
        }

        foreach (Device device in devices)
        {
            if (device is GpuDevice gpu)
            {
                On(gpu);
            }
        }
    }

    /// <summary>Frees every device copy (the next GPU use uploads again).</summary>
    public void Release()
    {
        lock (_gate)
        {
            foreach ((_, TCopy copy) in _copies)
            {
                copy.Dispose();
            }

            _copies.Clear();
        }
    }

    private static bool Contains(IReadOnlyList<Device> devices, GpuDevice device)
    {
        foreach (Device candidate in devices)
        {
            if (ReferenceEquals(candidate, device))
            {
                return true;
            }
        }

        return false;
    }
}
