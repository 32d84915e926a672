using System;

namespace KernelGen;

/// <summary>
/// Thrown when a generated kernel fails to compile or load on a device. The device stays usable:
/// other kernels can still be loaded and the device can be disposed.
/// </summary>
public sealed class KernelLoadException : Exception
{
    /// <summary>Creates the exception for the kernel of <paramref name="layerType"/> on <paramref name="deviceName"/>.</summary>
    public KernelLoadException(Type layerType, string deviceName, Exception innerException)
        : base($"The GPU kernel of {layerType?.FullName} failed to load on {deviceName}: {innerException?.Message}", innerException)
    {
        LayerType = layerType;
    }

    /// <summary>The layer whose kernel failed to load.</summary>
    public Type? LayerType { get; }
}
