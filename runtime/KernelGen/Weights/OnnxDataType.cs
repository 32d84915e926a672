using System;

namespace KernelGen;

// The names are ONNX's TensorProto.DataType names, so that code reads like the specification.
#pragma warning disable CA1707 // Identifiers should not contain underscores
#pragma warning disable CA1720 // Identifiers should not contain type names

/// <summary>
/// The element types of an ONNX tensor (<c>TensorProto.DataType</c>), with their numbers in the format.
/// KernelGen reads <see cref="FLOAT"/>, <see cref="FLOAT16"/> and <see cref="BFLOAT16"/> initializers as
/// float32; a file holding the others still opens, and their layout is checked.
/// </summary>
public enum OnnxDataType
{
    /// <summary>Not set: never valid for an initializer.</summary>
    UNDEFINED = 0,

    /// <summary>IEEE binary32.</summary>
    FLOAT = 1,

    /// <summary>Unsigned 8-bit integer.</summary>
    UINT8 = 2,

    /// <summary>Signed 8-bit integer.</summary>
    INT8 = 3,

    /// <summary>Unsigned 16-bit integer.</summary>
    UINT16 = 4,

    /// <summary>Signed 16-bit integer.</summary>
    INT16 = 5,

    /// <summary>Signed 32-bit integer.</summary>
    INT32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    INT64 = 7,

    /// <summary>UTF-8 strings (never raw data).</summary>
    STRING = 8,

    /// <summary>Boolean, one byte.</summary>
    BOOL = 9,

    /// <summary>IEEE binary16: read exactly as float32.</summary>
    FLOAT16 = 10,

    /// <summary>IEEE binary64.</summary>
    DOUBLE = 11,

    /// <summary>Unsigned 32-bit integer.</summary>
    UINT32 = 12,

    /// <summary>Unsigned 64-bit integer.</summary>
    UINT64 = 13,

    /// <summary>Complex number of two float32 parts.</summary>
    COMPLEX64 = 14,

    /// <summary>Complex number of two float64 parts.</summary>
    COMPLEX128 = 15,

    /// <summary>bfloat16 (the top half of a float32): read exactly as float32.</summary>
    BFLOAT16 = 16,

    /// <summary>FP8 E4M3, finite only.</summary>
    FLOAT8E4M3FN = 17,

    /// <summary>FP8 E4M3, finite only, no negative zero.</summary>
    FLOAT8E4M3FNUZ = 18,

    /// <summary>FP8 E5M2.</summary>
    FLOAT8E5M2 = 19,

    /// <summary>FP8 E5M2, finite only, no negative zero.</summary>
    FLOAT8E5M2FNUZ = 20,

    /// <summary>Unsigned 4-bit integer, two per byte.</summary>
    UINT4 = 21,

    /// <summary>Signed 4-bit integer, two per byte.</summary>
    INT4 = 22,

    /// <summary>FP4 E2M1, two per byte.</summary>
    FLOAT4E2M1 = 23,

    /// <summary>FP8 E8M0 (a scale).</summary>
    FLOAT8E8M0 = 24,

    /// <summary>Unsigned 2-bit integer, four per byte.</summary>
    UINT2 = 25,

    /// <summary>Signed 2-bit integer, four per byte.</summary>
    INT2 = 26,
}

#pragma warning restore CA1720
#pragma warning restore CA1707

/// <summary>Where and how an ONNX data type keeps its values.</summary>
internal static class OnnxDataTypes
{
    /// <summary>The TensorProto fields that can hold values other than <c>raw_data</c>.</summary>
    public enum TypedField
    {
        None,
        FloatData,
        Int32Data,
        StringData,
        Int64Data,
        DoubleData,
        Uint64Data,
    }

    /// <summary>Whether <paramref name="value"/> is a data type this reader knows (1 to 26).</summary>
    public static bool IsKnown(long value) => value is >= (long)OnnxDataType.FLOAT and <= (long)OnnxDataType.INT2;

    /// <summary>The size of one element in bits in <c>raw_data</c>; 0 for strings, which have no raw form.</summary>
    public static int BitSize(OnnxDataType type) => type switch
    {
        OnnxDataType.UINT2 or OnnxDataType.INT2 => 2,
        OnnxDataType.UINT4 or OnnxDataType.INT4 or OnnxDataType.FLOAT4E2M1 => 4,
        OnnxDataType.UINT8 or OnnxDataType.INT8 or OnnxDataType.BOOL or OnnxDataType.FLOAT8E4M3FN or OnnxDataType.FLOAT8E4M3FNUZ
            or OnnxDataType.FLOAT8E5M2 or OnnxDataType.FLOAT8E5M2FNUZ or OnnxDataType.FLOAT8E8M0 => 8,
        OnnxDataType.UINT16 or OnnxDataType.INT16 or OnnxDataType.FLOAT16 or OnnxDataType.BFLOAT16 => 16,
        OnnxDataType.FLOAT or OnnxDataType.INT32 or OnnxDataType.UINT32 => 32,
        OnnxDataType.INT64 or OnnxDataType.DOUBLE or OnnxDataType.UINT64 or OnnxDataType.COMPLEX64 => 64,
        OnnxDataType.COMPLEX128 => 128,
        OnnxDataType.STRING => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an ONNX data type"),
    };

    /// <summary>The typed field that holds the type's values when there is no <c>raw_data</c> (onnx.proto's comments).</summary>
    public static TypedField FieldOf(OnnxDataType type) => type switch
    {
        OnnxDataType.FLOAT or OnnxDataType.COMPLEX64 => TypedField.FloatData,
        OnnxDataType.INT64 => TypedField.Int64Data,
        OnnxDataType.STRING => TypedField.StringData,
        OnnxDataType.DOUBLE or OnnxDataType.COMPLEX128 => TypedField.DoubleData,
        OnnxDataType.UINT32 or OnnxDataType.UINT64 => TypedField.Uint64Data,
        _ => TypedField.Int32Data,
    };

    /// <summary>
    /// How many typed entries hold <paramref name="count"/> elements, or -1 where the format leaves it to
    /// the writer (the sub-byte types, which KernelGen never reads).
    /// </summary>
    public static long TypedEntriesFor(OnnxDataType type, long count) => type switch
    {
        OnnxDataType.COMPLEX64 or OnnxDataType.COMPLEX128 => checked(count * 2),
        OnnxDataType.UINT2 or OnnxDataType.INT2 or OnnxDataType.UINT4 or OnnxDataType.INT4 or OnnxDataType.FLOAT4E2M1 => -1,
        _ => count,
    };

    /// <summary>Whether KernelGen reads the type as float32: FLOAT, FLOAT16 and BFLOAT16.</summary>
    public static bool IsFloat32Convertible(OnnxDataType type) =>
        type is OnnxDataType.FLOAT or OnnxDataType.FLOAT16 or OnnxDataType.BFLOAT16;

    /// <summary>The name of a typed field as onnx.proto spells it.</summary>
    public static string Name(TypedField field) => field switch
    {
        TypedField.FloatData => "float_data",
        TypedField.Int32Data => "int32_data",
        TypedField.StringData => "string_data",
        TypedField.Int64Data => "int64_data",
        TypedField.DoubleData => "double_data",
        TypedField.Uint64Data => "uint64_data",
        _ => "none",
    };

    /// <summary>The type's name, or its number when it is not one this reader knows.</summary>
    public static string Describe(long value) => IsKnown(value) ? ((OnnxDataType)value).ToString() : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
