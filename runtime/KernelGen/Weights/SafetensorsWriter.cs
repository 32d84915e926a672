using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KernelGen;

/// <summary>
/// Builds a safetensors file from float32 values, stored as F32, F16 or BF16 (rounded to
/// nearest-even), and from 64-bit integers, stored as I64. The output is a function of the tensors alone: as in the reference
/// implementation, tensors are ordered by dtype alignment (largest first) then by name, the header
/// is compact JSON with <c>__metadata__</c> first (keys sorted), padded with spaces to a multiple of
/// 8 bytes.
/// </summary>
/// <example>
/// <code>
/// var writer = new SafetensorsWriter();
/// layer.SaveParameters(writer, "fc1");
/// writer.Save("model.safetensors");
/// </code>
/// </example>
public sealed class SafetensorsWriter
{
    private readonly Dictionary<string, Entry> _tensors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>The number of tensors added.</summary>
    public int Count => _tensors.Count;

    /// <summary>Adds a tensor; the values are converted (and copied) now.</summary>
    /// <param name="name">A name not yet used, other than <c>__metadata__</c>.</param>
    /// <param name="values">The values, row-major.</param>
    /// <param name="shape">The extents; their product must be <c>values.Length</c>. Empty for a scalar.</param>
    /// <param name="dtype">F32, F16 or BF16.</param>
    /// <returns>This writer.</returns>
    public SafetensorsWriter Add(string name, ReadOnlySpan<float> values, ReadOnlySpan<int> shape, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        CheckNew(name, values.Length, shape);
        if (!dtype.IsFloat32Convertible())
        {
            throw new NotSupportedException($"dtype {dtype} cannot be written from float32 values; use F32, F16 or BF16.");
        }

        _tensors.Add(name, new Entry(name, dtype, shape.ToArray(), Encode(values, dtype)));
        return this;
    }

    /// <summary>Adds a tensor of 64-bit integers (dtype I64: token ids, attention masks); the values are copied now.</summary>
    /// <param name="name">A name not yet used, other than <c>__metadata__</c>.</param>
    /// <param name="values">The values, row-major.</param>
    /// <param name="shape">The extents; their product must be <c>values.Length</c>. Empty for a scalar.</param>
    /// <returns>This writer.</returns>
    public SafetensorsWriter Add(string name, ReadOnlySpan<long> values, ReadOnlySpan<int> shape)
    {
        CheckNew(name, values.Length, shape);
        var data = new byte[checked(values.Length * sizeof(long))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * sizeof(long)), values[i]);
        }

        _tensors.Add(name, new Entry(name, SafetensorsDType.I64, shape.ToArray(), data));
        return this;
    }

    /// <summary>Adds <paramref name="tensor"/> under <paramref name="name"/> with its shape.</summary>
    /// <returns>This writer.</returns>
    public SafetensorsWriter Add(string name, Tensor tensor, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Add(name, tensor.Span, tensor.Shape.ToArray(), dtype);
    }

    /// <summary>Sets a <c>__metadata__</c> entry (for example <c>"format": "pt"</c>).</summary>
    /// <returns>This writer.</returns>
    public SafetensorsWriter AddMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
        return this;
    }

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidOperationException">The header would exceed <see cref="SafetensorsFile.MaxHeaderLength"/>.</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        List<Entry> ordered = [.. _tensors.Values.OrderByDescending(e => e.DType).ThenBy(e => e.NameUtf8, Utf8Ordinal.Instance)];
        byte[] header = Header(ordered);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (Entry entry in ordered)
        {
            stream.Write(entry.Data);
        }
    }

    /// <summary>The file as bytes.</summary>
    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Writes the file to <paramref name="path"/>, replacing any file there.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        WriteTo(stream);
    }

    private void CheckNew(string name, int length, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == SafetensorsHeaderParser.MetadataKey)
        {
            throw new ArgumentException($"'{SafetensorsHeaderParser.MetadataKey}' is reserved for the metadata map; it cannot name a tensor.", nameof(name));
        }

        if (_tensors.ContainsKey(name))
        {
            throw new ArgumentException($"A tensor named {SafetensorsHeaderParser.Quote(name)} was already added.", nameof(name));
        }

        long count = 1;
        foreach (int extent in shape)
        {
            if (extent < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"shape {SafetensorsTensorInfo.FormatShape(shape.ToArray())} has a negative extent.");
            }

            count = Math.Min(count * extent, long.MaxValue / int.MaxValue); // saturate: only equality with the value count matters
        }

        if (count != length)
        {
            throw new ArgumentException(
                $"{SafetensorsHeaderParser.Quote(name)} has {length} values, but shape {SafetensorsTensorInfo.FormatShape(shape.ToArray())} holds {count}.",
                "values");
        }
    }

    private byte[] Header(List<Entry> ordered)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false }))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject(SafetensorsHeaderParser.MetadataKey);
                foreach (KeyValuePair<string, string> entry in _metadata)
                {
                    json.WriteString(entry.Key, entry.Value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (Entry entry in ordered)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.DType.ToString());
                json.WriteStartArray("shape");
                foreach (int extent in entry.Shape)
                {
                    json.WriteNumberValue(extent);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += entry.Data.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // Pad with spaces to a multiple of 8, so that the data buffer starts 8-byte aligned.
        long padded = (buffer.Length + 7) / 8 * 8;
        if (padded > SafetensorsFile.MaxHeaderLength)
        {
            throw new InvalidOperationException(
                $"The header would be {padded} bytes, more than the {SafetensorsFile.MaxHeaderLength}-byte limit readers accept.");
        }

        while (buffer.Length < padded)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }

    private static byte[] Encode(ReadOnlySpan<float> values, SafetensorsDType dtype)
    {
        int size = dtype.BitSize() / 8;
        var data = new byte[checked(values.Length * size)];
        for (int i = 0; i < values.Length; i++)
        {
            switch (dtype)
            {
                case SafetensorsDType.F32:
                    BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
                    break;
                case SafetensorsDType.F16:
                    BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), ReducedPrecision.SingleToHalfBits(values[i]));
                    break;
                default:
                    BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), ReducedPrecision.SingleToBFloat16Bits(values[i]));
                    break;
            }
        }

        return data;
    }

    private sealed record Entry(string Name, SafetensorsDType DType, int[] Shape, byte[] Data)
    {
        public byte[] NameUtf8 { get; } = Encoding.UTF8.GetBytes(Name);
    }

    /// <summary>Byte-wise order of UTF-8 names, as the reference implementation sorts Rust strings.</summary>
    private sealed class Utf8Ordinal : IComparer<byte[]>
    {
        public static Utf8Ordinal Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
