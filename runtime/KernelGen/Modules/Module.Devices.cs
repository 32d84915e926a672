using System;
using System.Collections.Generic;

namespace KernelGen;

public abstract partial class Module
{
    /// <summary>
    /// The device this module was last moved to with <see cref="ModuleExtensions.To{TModule}(TModule, KernelGen.Device)"/>
    /// (<see cref="Device.Cpu"/> at first). A layer's <c>Forward(Tensor)</c> runs on its input's device
    /// whatever this says; it only decides where the parameters are uploaded ahead of time.
    /// </summary>
    public Device Device { get; private set; } = Device.Cpu;

    /// <summary>
    /// Moves this module and every descendant to <paramref name="device"/>: layers upload their parameters
    /// there (once; packed for that device) and free the copies on any other GPU. The host copy stays: it is
    /// the canonical one that state dicts read and write.
    /// </summary>
    internal void MoveTo(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (KeyValuePair<string, Module> named in NamedModules())
        {
            named.Value.Device = device;
            named.Value.OnDeviceChanged(device);
        }
    }

    /// <summary>Uploads this module's own parameters to <paramref name="device"/> (a GPU) or frees its device copies (the host).</summary>
    internal virtual void OnDeviceChanged(Device device)
    {
    }
}
