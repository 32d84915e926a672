using System;
using System.Collections.Generic;

namespace KernelGen;

public abstract partial class Module
{
    /// <summary>The shard a <see cref="DataParallel{TModule}"/> runs on this thread, if any.</summary>
    [ThreadStatic]
    private static ShardBinding? t_shard;

    private Device _device = Device.Cpu;
    private object? _placement;

    /// <summary>
    /// The device this module was last moved to with <see cref="ModuleExtensions.To{TModule}(TModule, KernelGen.Device)"/>
    /// (<see cref="Device.Cpu"/> at first). A layer's <c>Forward(Tensor)</c> runs on its input's device
    /// whatever this says; it only decides where the parameters are uploaded ahead of time.
    /// </summary>
    /// <remarks>
    /// After <see cref="ModuleExtensions.To{TModule}(TModule, IReadOnlyList{KernelGen.Device})"/> it is the first of
    /// the devices, except on a thread running one of that <see cref="DataParallel{TModule}"/>'s shards, where it is
    /// the shard's device: a <c>Forward</c> that places its first tensor on <c>Device</c> (token ids through an
    /// embedding) runs each shard where its rows are.
    /// </remarks>
    public Device Device =>
        t_shard is { } shard && _placement is not null && ReferenceEquals(shard.Placement, _placement) ? shard.Device : _device;

    /// <summary>The <see cref="DataParallel{TModule}"/> this module was last placed by, or <see langword="null"/>.</summary>
    internal object? Placement => _placement;

    /// <summary>
    /// Moves this module and every descendant to <paramref name="devices"/> (one, or several for data parallel):
    /// layers upload their parameters to each GPU among them (once; packed for that device) and free the copies
    /// on any other GPU. The host copy stays: it is the canonical one that state dicts read and write.
    /// </summary>
    /// <param name="devices">At least one device, checked by the caller.</param>
    /// <param name="placement">The data-parallel wrapper placing the module, or <see langword="null"/> for one device.</param>
    internal void MoveTo(IReadOnlyList<Device> devices, object? placement)
    {
        ArgumentNullException.ThrowIfNull(devices);
        foreach (KeyValuePair<string, Module> named in NamedModules())
        {
            named.Value._device = devices[0];
            named.Value._placement = placement;
            named.Value.OnDeviceChanged(devices);
        }
    }

    /// <summary>Uploads this module's own parameters to the GPUs among <paramref name="devices"/> and frees its copies on other GPUs.</summary>
    internal virtual void OnDeviceChanged(IReadOnlyList<Device> devices)
    {
    }

    /// <summary>
    /// Makes <see cref="Device"/> answer <paramref name="device"/> on this thread, for the modules placed by
    /// <paramref name="placement"/>, until the returned binding is disposed.
    /// </summary>
    internal static ShardBinding BindShard(object placement, Device device) => t_shard = new ShardBinding(placement, device, t_shard);

    /// <summary>One shard's device on one thread; disposing it restores the binding it replaced.</summary>
    internal sealed class ShardBinding(object placement, Device device, ShardBinding? outer) : IDisposable
    {
        public object Placement { get; } = placement;

        public Device Device { get; } = device;

        public void Dispose() => t_shard = outer;
    }
}
