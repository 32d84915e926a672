namespace KernelGen;

/// <summary>The kind of accelerator behind a <see cref="GpuDevice"/>.</summary>
public enum GpuDeviceKind
{
    /// <summary>An NVIDIA GPU through ILGPU's CUDA backend.</summary>
    Cuda,

    /// <summary>ILGPU's CPU accelerator: runs the same kernels on the CPU, for tests and machines without a GPU.</summary>
    CpuAccelerator,
}
