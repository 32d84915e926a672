using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using X86Fma = System.Runtime.Intrinsics.X86.Fma;

namespace KernelGen;

/// <summary>
/// Deterministic math: every function gives the same bits on every CPU, operating system and
/// vector width, because it is written only with IEEE-754 operations that are exactly rounded
/// (+ − × ÷ sqrt, fused multiply-add, conversions and bit operations).
/// </summary>
public static partial class DetMath
{
    /// <summary>
    /// <see langword="true"/> when <see cref="Fma(float, float, float)"/> runs on a hardware fused
    /// multiply-add instruction; <see langword="false"/> when it uses the exact software path.
    /// Both give identical bits.
    /// </summary>
    public static bool IsHardwareFma { get; } = X86Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>
    /// Fused multiply-add: <c>a × b + c</c> computed exactly and rounded once to the nearest float
    /// (ties to even). This is the step of every canonical dot product.
    /// </summary>
    /// <remarks>
    /// Uses the hardware instruction where the processor has one (x86 FMA3, Arm AdvSIMD). Without
    /// it, <see cref="MathF.FusedMultiplyAdd(float, float, float)"/> is not guaranteed to be fused,
    /// so the exact software path <see cref="SoftwareFma.Fma(float, float, float)"/> runs instead.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fma(float a, float b, float c)
    {
        if (X86Fma.IsSupported || AdvSimd.IsSupported)
        {
            return MathF.FusedMultiplyAdd(a, b, c);
        }

        return SoftwareFma.Fma(a, b, c);
    }

    /// <summary>
    /// Unfused multiply-add: <c>a × b</c> rounded to float, then <c>+ c</c> rounded to float (two
    /// roundings). Use it where the canonical arithmetic asks for a separate multiply and add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MulAdd(float a, float b, float c)
    {
        float product = a * b;
        return product + c;
    }

    /// <summary>Unfused multiply-add in double precision: <c>a × b</c> rounded, then <c>+ c</c> rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MulAdd(double a, double b, double c)
    {
        double product = a * b;
        return product + c;
    }
}
