using System.ComponentModel;
using System.Runtime.InteropServices;

namespace KernelGen.Generated;

/// <summary>
/// Four consecutive floats, 16 bytes. Generated GPU kernels stage their shared-memory tiles as
/// <c>ArrayView&lt;Float4&gt;</c> so that ILGPU emits one 128-bit load (<c>ld.shared.v4.f32</c>)
/// where a thread reads four neighbouring values; only the memory access is vectorized, never the
/// arithmetic.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
/// <param name="x">Element 0.</param>
/// <param name="y">Element 1.</param>
/// <param name="z">Element 2.</param>
/// <param name="w">Element 3.</param>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Float4(float x, float y, float z, float w)
{
    /// <summary>Element 0.</summary>
    public float X = x;

    /// <summary>Element 1.</summary>
    public float Y = y;

    /// <summary>Element 2.</summary>
    public float Z = z;

    /// <summary>Element 3.</summary>
    public float W = w;
}
