namespace KernelGen;

/// <summary>
/// Where a <see cref="Tensor"/>'s values and a <see cref="Module"/>'s parameters live: the host
/// (<see cref="Cpu"/>) or a <see cref="GpuDevice"/> (a CUDA GPU or ILGPU's CPU accelerator). A layer's
/// <c>Forward(Tensor)</c> runs on its input's device, with the same bits on every device.
/// </summary>
public abstract class Device
{
    private protected Device()
    {
    }

    /// <summary>The host: tensors in managed memory, layers on the CPU kernels.</summary>
    public static Device Cpu => CpuDevice.Instance;

    /// <summary>A short description, for messages: <c>cpu</c>, or the accelerator's name and kind.</summary>
    public abstract string Description { get; }

    /// <summary>Whether this is the host (<see cref="Cpu"/>).</summary>
    public bool IsCpu => this is CpuDevice;

    /// <inheritdoc/>
    public override string ToString() => Description;
}
