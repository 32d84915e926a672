namespace KernelGen;

/// <summary>The host: <see cref="Device.Cpu"/>. Tensors on it live in managed memory and layers run the CPU kernels.</summary>
public sealed class CpuDevice : Device
{
    private CpuDevice()
    {
    }

    /// <summary>The one host device.</summary>
    internal static CpuDevice Instance { get; } = new();

    /// <inheritdoc/>
    public override string Description => "cpu";
}
