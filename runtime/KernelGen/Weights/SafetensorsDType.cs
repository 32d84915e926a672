using System;

namespace KernelGen;

// The names are the strings of the safetensors header, so that code reads like the file.
#pragma warning disable CA1707 // Identifiers should not contain underscores

/// <summary>
/// The element types of the safetensors format, in the reference implementation's order
/// (increasing alignment). KernelGen reads <see cref="F32"/>, <see cref="F16"/> and
/// <see cref="BF16"/> as float32 and writes them; a file holding the others still opens, and their
/// bytes can be read with <see cref="SafetensorsFile.ReadBytes"/>.
/// </summary>
public enum SafetensorsDType
{
    /// <summary>Boolean, one byte.</summary>
    BOOL,

    /// <summary>MXFP4, 4 bits.</summary>
    F4,

    /// <summary>MXFP6 E2M3, 6 bits.</summary>
    F6_E2M3,

    /// <summary>MXFP6 E3M2, 6 bits.</summary>
    F6_E3M2,

    /// <summary>Unsigned 8-bit integer.</summary>
    U8,

    /// <summary>Signed 8-bit integer.</summary>
    I8,

    /// <summary>FP8 E5M2.</summary>
    F8_E5M2,

    /// <summary>FP8 E4M3.</summary>
    F8_E4M3,

    /// <summary>FP8 E8M0 (a scale).</summary>
    F8_E8M0,

    /// <summary>Signed 16-bit integer.</summary>
    I16,

    /// <summary>Unsigned 16-bit integer.</summary>
    U16,

    /// <summary>IEEE binary16: read exactly as float32, written rounded to nearest-even.</summary>
    F16,

    /// <summary>bfloat16 (the top half of a float32): read exactly, written rounded to nearest-even.</summary>
    BF16,

    /// <summary>Signed 32-bit integer.</summary>
    I32,

    /// <summary>Unsigned 32-bit integer.</summary>
    U32,

    /// <summary>IEEE binary32, KernelGen's own type.</summary>
    F32,

    /// <summary>Complex number of two float32 parts.</summary>
    C64,

    /// <summary>IEEE binary64.</summary>
    F64,

    /// <summary>Signed 64-bit integer.</summary>
    I64,

    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
}

#pragma warning restore CA1707

/// <summary>Sizes and names of <see cref="SafetensorsDType"/> values.</summary>
public static class SafetensorsDTypes
{
    /// <summary>The size of one element in bits (4 and 6 for the sub-byte types).</summary>
    public static int BitSize(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F4 => 4,
        SafetensorsDType.F6_E2M3 or SafetensorsDType.F6_E3M2 => 6,
        SafetensorsDType.BOOL or SafetensorsDType.U8 or SafetensorsDType.I8
            or SafetensorsDType.F8_E5M2 or SafetensorsDType.F8_E4M3 or SafetensorsDType.F8_E8M0 => 8,
        SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.F16 or SafetensorsDType.BF16 => 16,
        SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.F32 => 32,
        SafetensorsDType.C64 or SafetensorsDType.F64 or SafetensorsDType.I64 or SafetensorsDType.U64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype"),
    };

    /// <summary>Whether KernelGen reads and writes this type as float32: <c>F32</c>, <c>F16</c> and <c>BF16</c>.</summary>
    public static bool IsFloat32Convertible(this SafetensorsDType dtype) =>
        dtype is SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16;

    /// <summary>Parses a header's dtype string (exact, case-sensitive, as in the reference implementation).</summary>
    public static bool TryParse(string text, out SafetensorsDType dtype)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Enum.TryParse would accept numbers ("15") and ignore nothing else we need; be exact.
        foreach (SafetensorsDType candidate in Enum.GetValues<SafetensorsDType>())
        {
            if (string.Equals(text, candidate.ToString(), StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }
}
