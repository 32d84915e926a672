using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// Two vectors side by side: lanes 0 … n−1 in <see cref="Lower"/>, n … 2n−1 in <see cref="Upper"/>. It holds the
/// lanes of one float vector widened to double (the lower and the upper half, two double vectors): every operation
/// of <see cref="ISimdWidth{TFloat, TDouble}"/> works on both, so the two halves' dependency chains (Horner steps,
/// divisions) run interleaved on the processor. It also holds two float vectors, and nested, their double lanes
/// (<see cref="PairedWidth{TWidth, TFloat, TDouble}"/>).
/// </summary>
/// <typeparam name="TVector">The vector.</typeparam>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct VectorPair<TVector>(TVector lower, TVector upper)
    where TVector : struct
{
    /// <summary>Lanes 0 … n−1.</summary>
    public readonly TVector Lower = lower;

    /// <summary>Lanes n … 2n−1.</summary>
    public readonly TVector Upper = upper;
}
