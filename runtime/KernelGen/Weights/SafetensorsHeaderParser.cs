using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace KernelGen;

/// <summary>
/// Parses and checks a safetensors header: every number is checked before it is used, and the
/// tensors must tile the data buffer exactly. Nothing here reads the data buffer.
/// </summary>
internal static class SafetensorsHeaderParser
{
    /// <summary>The key of the optional string-to-string map.</summary>
    public const string MetadataKey = "__metadata__";

    // Root object → tensor object → shape array: three levels. One more lets the parser report a
    // deeper value as a wrong kind of value rather than as a depth error; anything deeper stops it.
    private const int MaxJsonDepth = 4;

    private const int MaxQuotedLength = 40;

    public static (List<SafetensorsTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        byte[] header, long dataLength, string source)
    {
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw Fail(source, header.Length == 0
                ? "the header is empty; it must be a JSON object."
                : $"the header starts with byte 0x{header[0]:X2}; the format requires '{{' (0x7B).");
        }

        if (!Utf8.IsValid(header))
        {
            throw Fail(source, "the header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                header.AsMemory(),
                new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            throw new SafetensorsFormatException(Prefix(source) + $"the header is not valid JSON, or nests deeper than {MaxJsonDepth - 1} levels ({exception.Message}).", exception);
        }

        using (document)
        {
            return ParseRoot(document.RootElement, dataLength, source);
        }
    }

    private static (List<SafetensorsTensorInfo>, Dictionary<string, string>) ParseRoot(JsonElement root, long dataLength, string source)
    {
        var tensors = new List<SafetensorsTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool sawMetadata = false;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            string name = NameOf(property, source);
            if (name == MetadataKey)
            {
                if (sawMetadata)
                {
                    throw Fail(source, $"the header has two \"{MetadataKey}\" entries.");
                }

                sawMetadata = true;
                ParseMetadata(property.Value, metadata, source);
                continue;
            }

            if (!names.Add(name))
            {
                throw Fail(source, $"tensor {Quote(name)} appears twice in the header (duplicate keys are not allowed).", name);
            }

            tensors.Add(ParseTensor(name, property.Value, dataLength, source));
        }

        CheckTiling(tensors, dataLength, source);
        return (tensors, metadata);
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(source, $"\"{MetadataKey}\" is {Kind(value)}; it must be an object mapping strings to strings.");
        }

        foreach (JsonProperty entry in value.EnumerateObject())
        {
            string key = NameOf(entry, source);
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw Fail(source, $"\"{MetadataKey}\" entry {Quote(key)} is {Kind(entry.Value)}; every metadata value must be a string.");
            }

            if (!metadata.TryAdd(key, TextOf(entry.Value, source, null)))
            {
                throw Fail(source, $"\"{MetadataKey}\" has the key {Quote(key)} twice.");
            }
        }
    }

    private static SafetensorsTensorInfo ParseTensor(string name, JsonElement value, long dataLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(source, $"tensor {Quote(name)} is {Kind(value)}; it must be an object with \"dtype\", \"shape\" and \"data_offsets\".", name);
        }

        JsonElement? dtypeElement = null, shapeElement = null, offsetsElement = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            // Other keys are ignored, as the reference implementation ignores them.
            ref JsonElement? slot = ref dtypeElement;
            string fieldName = NameOf(field, source);
            switch (fieldName)
            {
                case "dtype": slot = ref dtypeElement; break;
                case "shape": slot = ref shapeElement; break;
                case "data_offsets": slot = ref offsetsElement; break;
                default: continue;
            }

            if (slot is not null)
            {
                throw Fail(source, $"tensor {Quote(name)} has \"{fieldName}\" twice.", name);
            }

            slot = field.Value;
        }

        SafetensorsDType dtype = ParseDType(name, dtypeElement, source);
        int[] shape = ParseShape(name, shapeElement, source);
        (long begin, long end) = ParseOffsets(name, offsetsElement, dataLength, source);

        long count = 1;
        long bits;
        try
        {
            foreach (int extent in shape)
            {
                count = checked(count * extent);
            }

            bits = checked(count * dtype.BitSize());
        }
        catch (OverflowException exception)
        {
            throw new SafetensorsFormatException(
                Prefix(source) + $"tensor {Quote(name)} has dtype {dtype} and shape {Shape(shape)}, whose size in bytes overflows a 64-bit integer.", name, exception);
        }

        if (bits % 8 != 0)
        {
            throw Fail(source, $"tensor {Quote(name)} has dtype {dtype} and shape {Shape(shape)}: {bits} bits, not a whole number of bytes.", name);
        }

        if (end - begin != bits / 8)
        {
            throw Fail(source,
                $"tensor {Quote(name)} has data_offsets [{begin}, {end}] ({end - begin} bytes), but dtype {dtype} and shape {Shape(shape)} need {bits / 8} bytes.",
                name);
        }

        return new SafetensorsTensorInfo(name, dtype, shape, count, begin, end);
    }

    private static SafetensorsDType ParseDType(string name, JsonElement? element, string source)
    {
        if (element is not { } dtype)
        {
            throw Fail(source, $"tensor {Quote(name)} has no \"dtype\".", name);
        }

        if (dtype.ValueKind != JsonValueKind.String)
        {
            throw Fail(source, $"tensor {Quote(name)} has a \"dtype\" that is {Kind(dtype)}; it must be a string such as \"F32\".", name);
        }

        string text = TextOf(dtype, source, name);
        if (!SafetensorsDTypes.TryParse(text, out SafetensorsDType parsed))
        {
            throw Fail(source,
                $"tensor {Quote(name)} has dtype {Quote(text)}, which is not a safetensors dtype ({string.Join(", ", Enum.GetNames<SafetensorsDType>())}).",
                name);
        }

        return parsed;
    }

    private static int[] ParseShape(string name, JsonElement? element, string source)
    {
        if (element is not { } shape)
        {
            throw Fail(source, $"tensor {Quote(name)} has no \"shape\".", name);
        }

        if (shape.ValueKind != JsonValueKind.Array)
        {
            throw Fail(source, $"tensor {Quote(name)} has a \"shape\" that is {Kind(shape)}; it must be an array of extents.", name);
        }

        int[] extents = new int[shape.GetArrayLength()];
        int i = 0;
        foreach (JsonElement extent in shape.EnumerateArray())
        {
            if (extent.ValueKind != JsonValueKind.Number || !extent.TryGetInt64(out long value) || value < 0 || value > int.MaxValue)
            {
                throw Fail(source,
                    $"tensor {Quote(name)} has shape[{i}] = {Raw(extent)}; an extent must be an integer from 0 to {int.MaxValue}.",
                    name);
            }

            extents[i++] = (int)value;
        }

        return extents;
    }

    private static (long Begin, long End) ParseOffsets(string name, JsonElement? element, long dataLength, string source)
    {
        if (element is not { } offsets)
        {
            throw Fail(source, $"tensor {Quote(name)} has no \"data_offsets\".", name);
        }

        if (offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw Fail(source,
                $"tensor {Quote(name)} has \"data_offsets\" {Raw(offsets)}; it must be an array of two integers [begin, end].", name);
        }

        JsonElement first = offsets[0], second = offsets[1];
        if (!TryOffset(first, out ulong begin) || !TryOffset(second, out ulong end))
        {
            throw Fail(source,
                $"tensor {Quote(name)} has \"data_offsets\" [{Raw(first)}, {Raw(second)}]; offsets must be non-negative integers.", name);
        }

        if (begin > end)
        {
            throw Fail(source, $"tensor {Quote(name)} has data_offsets [{begin}, {end}]: its begin is after its end.", name);
        }

        if (end > (ulong)dataLength)
        {
            throw Fail(source,
                $"tensor {Quote(name)} has data_offsets [{begin}, {end}], past the end of the {dataLength}-byte data buffer.", name);
        }

        return ((long)begin, (long)end);
    }

    private static bool TryOffset(JsonElement element, out ulong value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out value);
    }

    /// <summary>The tensors, in data order, must cover [0, dataLength) exactly: no gap, no overlap, no trailing bytes.</summary>
    private static void CheckTiling(List<SafetensorsTensorInfo> tensors, long dataLength, string source)
    {
        tensors.Sort(static (a, b) => a.DataBegin != b.DataBegin
            ? a.DataBegin.CompareTo(b.DataBegin)
            : a.DataEnd != b.DataEnd ? a.DataEnd.CompareTo(b.DataEnd) : string.CompareOrdinal(a.Name, b.Name));

        long covered = 0;
        SafetensorsTensorInfo? previous = null;
        foreach (SafetensorsTensorInfo tensor in tensors)
        {
            if (tensor.DataBegin > covered)
            {
                throw Fail(source,
                    $"bytes [{covered}, {tensor.DataBegin}) of the data buffer, before tensor {Quote(tensor.Name)}, belong to no tensor; the format forbids holes.",
                    tensor.Name);
            }

            if (tensor.DataBegin < covered)
            {
                throw Fail(source,
                    $"tensor {Quote(tensor.Name)} (bytes [{tensor.DataBegin}, {tensor.DataEnd})) overlaps tensor {Quote(previous!.Name)} (bytes [{previous.DataBegin}, {previous.DataEnd})).",
                    tensor.Name);
            }

            covered = tensor.DataEnd;
            if (tensor.ByteLength > 0)
            {
                previous = tensor;
            }
        }

        if (covered != dataLength)
        {
            throw Fail(source,
                $"bytes [{covered}, {dataLength}) at the end of the data buffer belong to no tensor; the tensors must cover the buffer exactly.");
        }
    }

    /// <summary>
    /// A property's name. System.Text.Json checks escapes when it parses but pairs surrogates only
    /// when it unescapes: "\ud800" alone passes the parse and throws InvalidOperationException here.
    /// </summary>
    private static string NameOf(JsonProperty property, string source)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException exception)
        {
            throw new SafetensorsFormatException(Prefix(source) + $"the header has a key that is not valid UTF-16 text ({exception.Message}).", exception);
        }
    }

    /// <summary>A string value; see <see cref="NameOf"/>.</summary>
    private static string TextOf(JsonElement element, string source, string? tensorName)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            throw new SafetensorsFormatException(
                Prefix(source) + $"the header has a string value that is not valid UTF-16 text ({exception.Message}).", tensorName, exception);
        }
    }

    internal static string Prefix(string source) => $"Invalid safetensors {source}: ";

    private static SafetensorsFormatException Fail(string source, string message, string? tensorName = null) =>
        new(Prefix(source) + message, tensorName);

    private static string Shape(int[] shape) => SafetensorsTensorInfo.FormatShape(shape);

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    /// <summary>A value's JSON text, cut short: a hostile header may hold a number of a million digits.</summary>
    private static string Raw(JsonElement element)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.Length <= MaxQuotedLength
            ? Encoding.UTF8.GetString(raw)
            : Encoding.UTF8.GetString(raw[..MaxQuotedLength]) + string.Create(CultureInfo.InvariantCulture, $"… ({raw.Length} bytes)");
    }

    /// <summary>A name in quotes, cut short, with quotes, backslashes and control characters escaped, for messages.</summary>
    internal static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        foreach (char c in text.Length <= MaxQuotedLength * 4 ? text : text[..(MaxQuotedLength * 4)])
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\').Append(c); // so that a quoted name always ends at the first unescaped quote
            }
            else if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (text.Length > MaxQuotedLength * 4)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} chars)");
        }

        return builder.Append('\'').ToString();
    }
}
