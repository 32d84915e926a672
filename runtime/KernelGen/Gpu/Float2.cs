using System.ComponentModel;
using System.Runtime.InteropServices;

namespace KernelGen.Generated;

/// <summary>
/// Two consecutive floats, 8 bytes: the 64-bit counterpart of <see cref="Float4"/> for tiles whose
/// threads own two neighbouring rows or columns (<c>ld.shared.v2.f32</c>).
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
/// <param name="x">Element 0.</param>
/// <param name="y">Element 1.</param>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Float2(float x, float y)
{
    /// <summary>Element 0.</summary>
    public float X = x;

    /// <summary>Element 1.</summary>
    public float Y = y;
}
