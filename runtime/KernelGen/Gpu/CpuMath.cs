namespace KernelGen;

/// <summary>
/// <see cref="IKernelMath"/> for ILGPU's CPU accelerator and plain .NET code: <see cref="DetMath"/>
/// for the fused step; RyuJIT never contracts or reassociates the separate operations.
/// </summary>
public readonly struct CpuMath : IKernelMath
{
    /// <inheritdoc/>
    public float Fma(float a, float b, float c) => DetMath.Fma(a, b, c);

    /// <inheritdoc/>
    public float Add(float a, float b) => a + b;

    /// <inheritdoc/>
    public float Mul(float a, float b) => a * b;
}
