using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>Operations on modules that keep the module's own type, so that calls chain: <c>model.To(gpu).Forward(x)</c>.</summary>
public static class ModuleExtensions
{
    /// <summary>
    /// Moves <paramref name="module"/>'s parameters to <paramref name="device"/> (PyTorch's <c>model.to(device)</c>)
    /// and returns <paramref name="module"/> itself.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public static TModule To<TModule>(this TModule module, Device device)
        where TModule : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(device);
        if (device is GpuDevice gpu)
        {
            ObjectDisposedException.ThrowIf(gpu.IsDisposed, gpu);
        }

        module.MoveTo([device], placement: null);
        return module;
    }

    /// <summary>
    /// Places <paramref name="module"/> on every device of <paramref name="devices"/> for data parallelism: each GPU
    /// among them gets its own copy of the parameters (the host needs none), and the returned
    /// <see cref="DataParallel{TModule}"/> splits a batch's rows over the devices, in this order, and gathers the
    /// results. The bits are those of one device. Moving the module again with <c>To(…)</c> ends the placement.
    /// </summary>
    /// <param name="module">The module to place.</param>
    /// <param name="devices">One or more distinct, open devices (<see cref="Device.Cpu"/> may be one of them).</param>
    /// <exception cref="ArgumentException"><paramref name="devices"/> is empty, or holds <see langword="null"/>, a device twice or a disposed device.</exception>
    public static DataParallel<TModule> To<TModule>(this TModule module, IReadOnlyList<Device> devices)
        where TModule : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        Device[] placed = DeviceList.Check(devices, nameof(devices));
        var parallel = new DataParallel<TModule>(module, placed);
        module.MoveTo(placed, parallel);
        return parallel;
    }
}
