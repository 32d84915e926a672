using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>The checks every list of devices to shard over passes: not empty, no null, no device twice, none disposed.</summary>
internal static class DeviceList
{
    /// <summary>A copy of <paramref name="devices"/> after the checks; each error names the argument, what it got and what it needs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="devices"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty, holds <see langword="null"/>, a device twice or a disposed device.</exception>
    public static Device[] Check(IReadOnlyList<Device>? devices, string paramName)
    {
        ArgumentNullException.ThrowIfNull(devices, paramName);
        if (devices.Count == 0)
        {
            throw new ArgumentException($"{paramName} is empty; it needs at least one device.", paramName);
        }

        var checkedDevices = new Device[devices.Count];
        for (int i = 0; i < devices.Count; i++)
        {
            Device? device = devices[i];
            if (device is null)
            {
                throw new ArgumentException($"{paramName}[{i}] is null; it needs a device.", paramName);
            }

            if (device is GpuDevice { IsDisposed: true })
            {
                throw new ArgumentException($"{paramName}[{i}] is {device.Description}, which was disposed; it needs an open device.", paramName);
            }

            int first = Array.FindIndex(checkedDevices, 0, i, candidate => ReferenceEquals(candidate, device));
            if (first >= 0)
            {
                throw new ArgumentException(
                    $"{paramName}[{i}] is {device.Description}, as is {paramName}[{first}]; each device may appear once (it holds one copy of the parameters).",
                    paramName);
            }

            checkedDevices[i] = device;
        }

        return checkedDevices;
    }
}
