using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace KernelGen;

/// <summary>
/// One initializer of an ONNX graph (a <c>TensorProto</c> with a name): its data type, dimensions and
/// where its values are. Its layout has been checked when the file was opened: the dimensions are
/// non-negative, their product fits in 64 bits, and the stored data holds exactly that many elements.
/// </summary>
public sealed class OnnxInitializer
{
    private readonly long[] _dims;
    private readonly ReadOnlyCollection<long> _dimsView;

    internal OnnxInitializer(string name, OnnxDataType dataType, long[] dims, long elementCount, OnnxTensorData data)
    {
        Name = name;
        DataType = dataType;
        _dims = dims;
        _dimsView = Array.AsReadOnly(dims);
        ElementCount = elementCount;
        Data = data;
    }

    /// <summary>The initializer's name, as the graph's nodes refer to it.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public OnnxDataType DataType { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims => _dimsView;

    /// <summary>The number of elements: the product of <see cref="Dims"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The dimensions as text, <c>[384, 1536]</c>.</summary>
    public string DimsString => FormatDims(_dims);

    /// <summary>Where the values are in the file.</summary>
    internal OnnxTensorData Data { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DataType} {DimsString}";

    internal static string FormatDims(ReadOnlySpan<long> dims)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            parts[i] = dims[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}

/// <summary>
/// Where an initializer's values are: a <c>raw_data</c> range of the file (little-endian), or the
/// decoded <c>float_data</c> or <c>int32_data</c> entries (the only typed fields KernelGen reads).
/// </summary>
internal sealed record OnnxTensorData(int RawStart, int RawLength, float[]? FloatData, int[]? Int32Data)
{
    /// <summary>No data (an empty tensor, or a type whose typed values are only counted).</summary>
    public static OnnxTensorData None { get; } = new(-1, 0, null, null);

    /// <summary>Whether the values are in <c>raw_data</c>.</summary>
    public bool IsRaw => RawStart >= 0;
}
