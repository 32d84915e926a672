using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KernelGen;

/// <summary>One tensor of a <see cref="SafetensorsFile"/>, as its header describes it (checked).</summary>
public sealed class SafetensorsTensorInfo
{
    internal SafetensorsTensorInfo(string name, SafetensorsDType dtype, int[] shape, long elementCount, long dataBegin, long dataEnd)
    {
        Name = name;
        DType = dtype;
        Shape = shape.AsReadOnly();
        ElementCount = elementCount;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
    }

    /// <summary>The tensor's name, for example <c>encoder.layer.0.attention.self.query.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The element type in the file.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>The extents, outermost first (row-major); empty for a scalar.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The first byte of the tensor, relative to the start of the data buffer.</summary>
    public long DataBegin { get; }

    /// <summary>One past the last byte of the tensor, relative to the start of the data buffer.</summary>
    public long DataEnd { get; }

    /// <summary>The number of bytes the tensor occupies: <see cref="DataEnd"/> − <see cref="DataBegin"/>.</summary>
    public long ByteLength => DataEnd - DataBegin;

    /// <summary>The shape as the safetensors header writes it, for example <c>[64, 1024]</c>.</summary>
    public string ShapeString => FormatShape(Shape);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DType} {ShapeString}";

    internal static string FormatShape(IEnumerable<int> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
