using System;

namespace KernelGen;

/// <summary>
/// <see cref="IKernelMath"/> for ILGPU's CPU accelerator: <see cref="MathF.FusedMultiplyAdd"/> for
/// the fused step (ILGPU compiles kernel bodies through its own IR, which rejects the
/// <c>Fma.IsSupported</c> test inside <see cref="DetMath.Fma(float, float, float)"/>); RyuJIT never
/// contracts or reassociates the separate operations.
/// </summary>
/// <remarks>
/// Exact on processors with a hardware FMA (x86 FMA3, Arm AdvSIMD). Without one, .NET's
/// <see cref="MathF.FusedMultiplyAdd"/> is not guaranteed to be fused; the CPU accelerator is a test
/// device, and KernelGen's CPU kernels never depend on it.
/// </remarks>
public readonly struct CpuMath : IKernelMath
{
    /// <inheritdoc/>
    public float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public float Add(float a, float b) => a + b;

    /// <inheritdoc/>
    public float Mul(float a, float b) => a * b;

    /// <inheritdoc/>
    /// <remarks>Exact only with a hardware FMA; see <see cref="DetMath.IsHardwareFma"/>.</remarks>
    public double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public double Add(double a, double b) => a + b;

    /// <inheritdoc/>
    public double Mul(double a, double b) => a * b;

    /// <inheritdoc/>
    public double Div(double a, double b) => a / b;

    /// <inheritdoc/>
    public double Sqrt(double a) => Math.Sqrt(a);
}
