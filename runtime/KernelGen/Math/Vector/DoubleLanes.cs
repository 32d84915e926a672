using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// The lanes of one float vector widened to double: two double vectors, <see cref="Lower"/> and
/// <see cref="Upper"/>. Every operation of <see cref="ISimdWidth{TFloat, TDouble}"/> works on both, so the
/// two halves' dependency chains (Horner steps, divisions) run interleaved on the processor. Nested, it holds the
/// double lanes of two float vectors (<see cref="PairedWidth{TWidth, TFloat, TDouble}"/>).
/// </summary>
/// <typeparam name="TVector">The double vector.</typeparam>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct DoubleLanes<TVector>(TVector lower, TVector upper)
    where TVector : struct
{
    /// <summary>The lanes of the float vector's lower half.</summary>
    public readonly TVector Lower = lower;

    /// <summary>The lanes of the float vector's upper half.</summary>
    public readonly TVector Upper = upper;
}
