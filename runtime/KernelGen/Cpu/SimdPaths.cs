using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace KernelGen;

/// <summary>Chooses the <see cref="SimdPath"/> a kernel runs on.</summary>
public static class SimdPaths
{
    /// <summary>
    /// The environment variable that overrides <see cref="SimdPath.Auto"/>: <c>vector512</c>,
    /// <c>vector256</c>, <c>vector128</c> or <c>scalar</c> (case-insensitive). For tests and comparisons.
    /// </summary>
    public const string EnvironmentVariable = "KERNELGEN_SIMD";

    private static readonly SimdPath s_environmentPath = ParseEnvironment(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The path <see cref="SimdPath.Auto"/> resolves to on this process.</summary>
    public static SimdPath Default => s_environmentPath != SimdPath.Auto ? s_environmentPath : Widest;

    /// <summary>The widest path whose vector type and fused multiply-add this processor accelerates.</summary>
    public static SimdPath Widest =>
        IsSupported(SimdPath.Vector512) ? SimdPath.Vector512
        : IsSupported(SimdPath.Vector256) ? SimdPath.Vector256
        : IsSupported(SimdPath.Vector128) ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary>Whether <paramref name="path"/> can run on this processor.</summary>
    /// <remarks>Vector paths need a hardware FMA: an emulated vector FMA is not guaranteed to be fused.</remarks>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Auto or SimdPath.Scalar => true,
        SimdPath.Vector512 => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
        SimdPath.Vector256 => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        SimdPath.Vector128 => Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.IsSupported),
        _ => false,
    };

    /// <summary>Turns <paramref name="requested"/> into a concrete, supported path.</summary>
    /// <exception cref="NotSupportedException">The path was forced but this processor cannot run it.</exception>
    public static SimdPath Resolve(SimdPath requested)
    {
        SimdPath path = requested == SimdPath.Auto ? Default : requested;
        if (!IsSupported(path))
        {
            string origin = requested == SimdPath.Auto ? $"{EnvironmentVariable}={Environment.GetEnvironmentVariable(EnvironmentVariable)}" : "the options";
            throw new NotSupportedException(
                $"SIMD path {path} was requested by {origin}, but this processor does not accelerate it " +
                $"with a fused multiply-add (Vector512: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, " +
                $"Vector128: {Vector128.IsHardwareAccelerated}, FMA: {Fma.IsSupported || AdvSimd.IsSupported}). Widest supported path: {Widest}.");
        }

        return path;
    }

    internal static SimdPath ParseEnvironment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SimdPath.Auto;
        }

        // Names only: Enum.TryParse would also take numbers ("1" is Vector512) and lists ("Scalar, Auto").
        foreach (SimdPath path in Enum.GetValues<SimdPath>())
        {
            if (string.Equals(path.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return path;
            }
        }

        throw new InvalidOperationException(
            $"{EnvironmentVariable}='{value}' is not a SIMD path; use one of auto, vector512, vector256, vector128, scalar.");
    }
}
