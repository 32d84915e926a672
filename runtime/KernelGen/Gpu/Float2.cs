using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// Two consecutive floats, 8 bytes: the 64-bit counterpart of <see cref="Float4"/> for tiles whose
/// threads own two neighbouring rows or columns (<c>ld.shared.v2.f32</c>).
/// </summary>
/// <param name="x">Element 0.</param>
/// <param name="y">Element 1.</param>
[StructLayout(LayoutKind.Sequential)]
public struct Float2(float x, float y)
{
    /// <summary>Element 0.</summary>
    public float X = x;

    /// <summary>Element 1.</summary>
    public float Y = y;
}
