using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// Floats whose first element starts on a 64-byte cache line, for the packed weights that the CPU
/// kernels read one full vector at a time: a 64-byte Vector512 load that straddles two lines costs two
/// loads (measured: 1024×4096×4096 fell from 153 to 114–133 GFLOP/s with the panels 8 bytes off).
/// </summary>
/// <remarks>
/// The storage is a pinned array (on the pinned object heap, which the GC never compacts), so the
/// alignment found when it is allocated holds for its lifetime. Alignment changes speed only: every
/// kernel computes the same bits from any address.
/// </remarks>
internal sealed class CacheAlignedBuffer
{
    /// <summary>The alignment, in bytes.</summary>
    public const int Alignment = 64;

    private const int FloatsPerLine = Alignment / sizeof(float);

    private readonly float[] _storage;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed floats, the first on a cache-line boundary.</summary>
    public unsafe CacheAlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _storage = GC.AllocateArray<float>(checked(length + FloatsPerLine - 1), pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        _offset = (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
        Length = length;
    }

    /// <summary>The number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats.</summary>
    public Span<float> Span => _storage.AsSpan(_offset, Length);
}
