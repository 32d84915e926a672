using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// <paramref name="x"/>, or <see cref="CanonicalNaN"/> when it is a NaN of any sign or payload.
    /// Every generated kernel passes its outputs through this, because NaN bits are the one thing
    /// IEEE arithmetic leaves to the hardware: x86 propagates an operand's payload or makes
    /// <c>0xFFC00000</c>, CUDA makes <c>0x7FFFFFFF</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CanonicalizeNaN(float x) => IsNaN(x) ? CanonicalNaN : x;

    /// <summary><see cref="CanonicalizeNaN(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CanonicalizeNaN(Vector128<float> x) =>
        Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128.Create(CanonicalNaN));

    /// <summary><see cref="CanonicalizeNaN(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CanonicalizeNaN(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, x), x, Vector256.Create(CanonicalNaN));

    /// <summary><see cref="CanonicalizeNaN(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CanonicalizeNaN(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, x), x, Vector512.Create(CanonicalNaN));
}
