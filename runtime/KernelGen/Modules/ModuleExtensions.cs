using System;

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

        module.MoveTo(device);
        return module;
    }
}
