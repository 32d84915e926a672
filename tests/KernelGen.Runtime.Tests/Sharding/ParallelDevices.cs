using System;
using System.Collections.Generic;

namespace KernelGen.Runtime.Tests.Sharding;

/// <summary>
/// Two ILGPU CPU accelerators shared by the parallel tests (each compiles its kernels once), standing in for two
/// GPUs of one host, and the device lists the tests shard over.
/// </summary>
internal static class ParallelDevices
{
    private static readonly Lazy<(GpuDevice First, GpuDevice Second)> Shared = new(() =>
    {
        GpuDevice first = GpuDevice.OpenCpuAccelerator();
        GpuDevice second = GpuDevice.OpenCpuAccelerator();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            first.Dispose();
            second.Dispose();
        };
        return (first, second);
    });

    public static GpuDevice First => Shared.Value.First;

    public static GpuDevice Second => Shared.Value.Second;

    /// <summary>A named list of devices: <c>accel</c> (one accelerator), <c>accel+accel</c>, <c>accel+cpu+accel</c>, <c>cpu+accel</c>, <c>accel+cpu</c>.</summary>
    public static IReadOnlyList<Device> Named(string name) => name switch
    {
        "accel" => [First],
        "accel+accel" => [First, Second],
        "accel+cpu+accel" => [First, Device.Cpu, Second],
        "cpu+accel" => [Device.Cpu, First],
        "accel+cpu" => [First, Device.Cpu],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a device list of the parallel tests."),
    };
}
