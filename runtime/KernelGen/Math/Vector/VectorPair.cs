using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// Two float vectors of one width side by side, the lanes of <see cref="PairedWidth{TWidth, TFloat, TDouble}"/>:
/// lanes 0 … n−1 in <see cref="Lower"/>, n … 2n−1 in <see cref="Upper"/>.
/// </summary>
/// <typeparam name="TVector">The float vector.</typeparam>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct VectorPair<TVector>(TVector lower, TVector upper)
    where TVector : struct
{
    /// <summary>Lanes 0 … n−1.</summary>
    public readonly TVector Lower = lower;

    /// <summary>Lanes n … 2n−1.</summary>
    public readonly TVector Upper = upper;
}
