using System;
using System.Collections.Generic;
using System.Globalization;
using static KernelGen.OnnxDataTypes;

namespace KernelGen;

/// <summary>
/// Parses one ONNX <c>TensorProto</c> (a graph initializer) in two steps: <c>Read</c> gathers its fields as
/// protobuf gives them, <c>Check</c> holds them against each other — a name, data inside the file (external
/// data and segments are refused), a known data type, dims that are non-negative with a product that fits 64
/// bits, and stored data of exactly that size in the one place the type allows. Typed values KernelGen never
/// reads (int64, double, uint64 and string data) are counted, not kept.
/// </summary>
internal static class OnnxTensorParser
{
    /// <summary>The most dimensions an initializer may have (NumPy's limit; exporters stay far below it).</summary>
    public const int MaxRank = 64;

    // TensorProto
    private const int TensorDims = 1, TensorDataType = 2, TensorSegment = 3, TensorFloatData = 4, TensorInt32Data = 5, TensorStringData = 6,
        TensorInt64Data = 7, TensorName = 8, TensorRawData = 9, TensorDoubleData = 10, TensorUint64Data = 11, TensorExternalData = 13,
        TensorDataLocation = 14;

    // StringStringEntryProto
    private const int EntryKey = 1, EntryValue = 2;

    private const long DataLocationDefault = 0, DataLocationExternal = 1;

    /// <summary>Reads the TensorProto and checks its parts against each other.</summary>
    public static OnnxInitializer Parse(OnnxWireReader reader)
    {
        int start = reader.Position;
        Fields fields = Read(ref reader);
        return Check(fields, reader, start);
    }

    /// <summary>The fields as protobuf gives them: the last scalar wins, repeated fields concatenate.</summary>
    private static Fields Read(ref OnnxWireReader reader)
    {
        var t = new Fields();
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case TensorDims:
                    ReadDims(ref reader, field, wire, t.Dims);
                    break;
                case TensorDataType:
                    reader.Expect("data_type", field, wire, WireType.Varint);
                    t.DataType = reader.ReadInt32("data_type");
                    break;
                case TensorName:
                    reader.Expect("name", field, wire, WireType.LengthDelimited);
                    t.Name = reader.ReadString("name");
                    break;
                case TensorRawData:
                    reader.Expect("raw_data", field, wire, WireType.LengthDelimited);
                    t.Raw = reader.ReadLengthDelimited("raw_data"); // protobuf: the last one wins
                    break;
                case TensorFloatData:
                    t.Present.Add(TypedField.FloatData);
                    ReadRepeatedFloats(ref reader, field, wire, t.Floats ??= []);
                    break;
                case TensorInt32Data:
                    t.Present.Add(TypedField.Int32Data);
                    ReadRepeatedInt32s(ref reader, field, wire, t.Int32s ??= []);
                    break;
                case TensorStringData:
                    t.Present.Add(TypedField.StringData);
                    reader.Expect("string_data", field, wire, WireType.LengthDelimited);
                    reader.ReadLengthDelimited("string_data");
                    t.StringCount++;
                    break;
                case TensorInt64Data:
                    t.Present.Add(TypedField.Int64Data);
                    t.Int64Count += CountRepeated(ref reader, field, wire, WireType.Varint, "int64_data");
                    break;
                case TensorDoubleData:
                    t.Present.Add(TypedField.DoubleData);
                    t.DoubleCount += CountRepeated(ref reader, field, wire, WireType.Fixed64, "double_data");
                    break;
                case TensorUint64Data:
                    t.Present.Add(TypedField.Uint64Data);
                    t.Uint64Count += CountRepeated(ref reader, field, wire, WireType.Varint, "uint64_data");
                    break;
                case TensorDataLocation:
                    reader.Expect("data_location", field, wire, WireType.Varint);
                    t.DataLocation = reader.ReadInt64("data_location");
                    break;
                case TensorExternalData:
                {
                    reader.Expect("external_data", field, wire, WireType.LengthDelimited);
                    t.HasExternal = true;
                    (int begin, int length) = reader.ReadLengthDelimited("external_data");
                    (string key, string value) = ParseEntry(reader.Nested(begin, length, $"{reader.Where}.external_data"));
                    if (key == "location")
                    {
                        t.ExternalLocation = value;
                    }

                    break;
                }

                case TensorSegment:
                    throw reader.Fail(reader.Position, "the tensor is split into segments (field 3), which ONNX initializers do not use and KernelGen does not read");
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return t;
    }

    /// <summary>Holds the parts against each other: a name, data inside the file, a known type, dims whose product fits, data of exactly that size.</summary>
    private static OnnxInitializer Check(Fields t, OnnxWireReader reader, int start)
    {
        (List<long> dims, long dataType, string name, (int Start, int Length)? raw, HashSet<TypedField> present) = (t.Dims, t.DataType, t.Name, t.Raw, t.Present);
        long dataLocation = t.DataLocation;
        string? externalLocation = t.ExternalLocation;
        bool hasExternal = t.HasExternal;

        string where = $"initializer {Quote(name)}";
        if (name.Length == 0)
        {
            throw reader.Fail(start, "an initializer has no name (field 8); nodes refer to initializers by name");
        }

        if (hasExternal || dataLocation == DataLocationExternal)
        {
            throw reader.Fail(start, externalLocation is null
                ? $"{where} keeps its data in an external file; KernelGen reads only models whose weights are inside the .onnx file (save the model with its data inside, for example onnx.save(model, path, save_as_external_data=False))"
                : $"{where} keeps its data in the external file {Quote(externalLocation)}; KernelGen reads only models whose weights are inside the .onnx file (save the model with its data inside, for example onnx.save(model, path, save_as_external_data=False))");
        }

        if (dataLocation != DataLocationDefault)
        {
            throw reader.Fail(start, $"{where} has data_location {dataLocation}; ONNX defines 0 (DEFAULT) and 1 (EXTERNAL)");
        }

        if (!IsKnown(dataType))
        {
            throw reader.Fail(start, dataType == 0
                ? $"{where} has no data_type (or UNDEFINED)"
                : $"{where} has data_type {dataType}, which is not an ONNX TensorProto.DataType this reader knows (1 to {(int)OnnxDataType.INT2})");
        }

        var type = (OnnxDataType)dataType;
        long count = 1;
        for (int d = 0; d < dims.Count; d++)
        {
            if (dims[d] < 0)
            {
                throw reader.Fail(start, $"{where} has dims[{d}] = {dims[d]}; a dimension must be 0 or more");
            }

            if (dims[d] != 0 && count > long.MaxValue / dims[d])
            {
                throw reader.Fail(start, $"{where} has dims {OnnxInitializer.FormatDims(dims.ToArray())}, whose element count overflows a 64-bit integer");
            }

            count *= dims[d];
        }

        TypedField expectedField = FieldOf(type);
        if (raw is not null && present.Count > 0)
        {
            throw reader.Fail(start, $"{where} has both raw_data and {Name(First(present))}; a tensor keeps its values in one of them");
        }

        if (present.Count > 1)
        {
            throw reader.Fail(start, $"{where} has values in more than one typed field ({string.Join(", ", Names(present))})");
        }

        OnnxTensorData data = OnnxTensorData.None;
        if (raw is { } rawData)
        {
            int bits = BitSize(type);
            if (bits == 0)
            {
                throw reader.Fail(start, $"{where} has data type STRING and raw_data; strings are kept only in string_data");
            }

            long bytes = count > (long.MaxValue - 7) / bits ? -1 : ((count * bits) + 7) / 8;
            if (bytes != rawData.Length)
            {
                throw reader.Fail(start, $"{where} has {rawData.Length} bytes of raw_data, but data type {type} and dims {OnnxInitializer.FormatDims(dims.ToArray())} need {(bytes < 0 ? "more than 2^63" : bytes.ToString(CultureInfo.InvariantCulture))}");
            }

            data = new OnnxTensorData(rawData.Start, rawData.Length, null, null);
        }
        else if (present.Count == 1)
        {
            TypedField stored = First(present);
            if (stored != expectedField)
            {
                throw reader.Fail(start, $"{where} has data type {type}, whose values belong in {Name(expectedField)}, but it stores {Name(stored)}");
            }

            long entries = stored switch
            {
                TypedField.FloatData => t.Floats!.Count,
                TypedField.Int32Data => t.Int32s!.Count,
                TypedField.StringData => t.StringCount,
                TypedField.Int64Data => t.Int64Count,
                TypedField.DoubleData => t.DoubleCount,
                _ => t.Uint64Count,
            };
            if (count > long.MaxValue / 2)
            {
                // No file holds 2^62 typed values; TypedEntriesFor's -1 ("not counted": sub-byte packings) must not let it pass.
                throw reader.Fail(start, $"{where} has {entries} values in {Name(stored)}, but data type {type} and dims {OnnxInitializer.FormatDims(dims.ToArray())} need more than 2^62");
            }

            long needed = TypedEntriesFor(type, count);
            if (needed >= 0 && entries != needed)
            {
                throw reader.Fail(start, $"{where} has {entries} values in {Name(stored)}, but data type {type} and dims {OnnxInitializer.FormatDims(dims.ToArray())} need {needed}");
            }

            data = stored switch
            {
                TypedField.FloatData => new OnnxTensorData(-1, 0, t.Floats!.ToArray(), null),
                TypedField.Int32Data => new OnnxTensorData(-1, 0, null, Int32Values(reader, start, where, type, t.Int32s!)),
                _ => OnnxTensorData.None,
            };
        }
        else if (count != 0)
        {
            throw reader.Fail(start, $"{where} has dims {OnnxInitializer.FormatDims(dims.ToArray())} ({count} elements) but no data: no raw_data and no {Name(expectedField)}");
        }

        return new OnnxInitializer(name, type, [.. dims], count, data);
    }

    /// <summary>int32_data as 32-bit values; FLOAT16 and BFLOAT16 keep their 16 bits in the low half, so they must be 0 to 65535.</summary>
    private static int[] Int32Values(OnnxWireReader reader, int start, string where, OnnxDataType type, List<int> values)
    {
        if (type is OnnxDataType.FLOAT16 or OnnxDataType.BFLOAT16)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i] is < 0 or > ushort.MaxValue)
                {
                    throw reader.Fail(start, $"{where} has int32_data[{i}] = {values[i]}; a {type} value is 16 bits, 0 to 65535");
                }
            }
        }

        return values.ToArray();
    }

    private static (string Key, string Value) ParseEntry(OnnxWireReader reader)
    {
        string key = string.Empty, value = string.Empty;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case EntryKey:
                    reader.Expect("key", field, wire, WireType.LengthDelimited);
                    key = reader.ReadString("key");
                    break;
                case EntryValue:
                    reader.Expect("value", field, wire, WireType.LengthDelimited);
                    value = reader.ReadString("value");
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return (key, value);
    }

    /// <summary>dims, one value per tag or packed (a parser must accept both), at most <see cref="MaxRank"/>.</summary>
    private static void ReadDims(ref OnnxWireReader reader, int field, WireType wire, List<long> dims)
    {
        if (wire == WireType.Varint)
        {
            AddDim(ref reader, dims, reader.ReadInt64("dims"));
            return;
        }

        reader.Expect("dims", field, wire, WireType.LengthDelimited);
        (int start, int length) = reader.ReadLengthDelimited("packed dims");
        OnnxWireReader packed = reader.Nested(start, length, $"{reader.Where}.dims");
        while (packed.Position < start + length)
        {
            AddDim(ref packed, dims, packed.ReadInt64("dims"));
        }
    }

    private static void AddDim(ref OnnxWireReader reader, List<long> dims, long value)
    {
        if (dims.Count == MaxRank)
        {
            throw reader.Fail(reader.Position, $"the tensor has more than {MaxRank} dims");
        }

        dims.Add(value);
    }

    /// <summary>int32_data, one value per tag or packed; each value must fit 32 bits.</summary>
    private static void ReadRepeatedInt32s(ref OnnxWireReader reader, int field, WireType wire, List<int> values)
    {
        if (wire == WireType.Varint)
        {
            values.Add(reader.ReadInt32("int32_data"));
            return;
        }

        reader.Expect("int32_data", field, wire, WireType.LengthDelimited);
        (int start, int length) = reader.ReadLengthDelimited("packed int32_data");
        OnnxWireReader packed = reader.Nested(start, length, $"{reader.Where}.int32_data");
        while (packed.Position < start + length)
        {
            values.Add(packed.ReadInt32("int32_data"));
        }
    }

    /// <summary>float_data, one value per tag (fixed32) or packed (a multiple of 4 bytes).</summary>
    private static void ReadRepeatedFloats(ref OnnxWireReader reader, int field, WireType wire, List<float> values)
    {
        if (wire == WireType.Fixed32)
        {
            values.Add(BitConverter.UInt32BitsToSingle(reader.ReadFixed32("float_data")));
            return;
        }

        reader.Expect("float_data", field, wire, WireType.LengthDelimited);
        (int start, int length) = reader.ReadLengthDelimited("packed float_data");
        if (length % 4 != 0)
        {
            throw reader.Fail(start, $"packed float_data is {length} bytes, not a whole number of 4-byte floats");
        }

        OnnxWireReader packed = reader.Nested(start, length, $"{reader.Where}.float_data");
        for (int i = 0; i < length / 4; i++)
        {
            values.Add(BitConverter.UInt32BitsToSingle(packed.ReadFixed32("float_data")));
        }
    }

    /// <summary>Counts (and steps over) a repeated field KernelGen does not read: one value per tag, or packed.</summary>
    private static long CountRepeated(ref OnnxWireReader reader, int field, WireType wire, WireType element, string name)
    {
        if (wire == element)
        {
            reader.Skip(field, wire);
            return 1;
        }

        reader.Expect(name, field, wire, WireType.LengthDelimited);
        (int start, int length) = reader.ReadLengthDelimited($"packed {name}");
        if (element == WireType.Fixed64)
        {
            if (length % 8 != 0)
            {
                throw reader.Fail(start, $"packed {name} is {length} bytes, not a whole number of 8-byte values");
            }

            return length / 8;
        }

        OnnxWireReader packed = reader.Nested(start, length, $"{reader.Where}.{name}");
        long count = 0;
        while (packed.Position < start + length)
        {
            packed.ReadVarint(name);
            count++;
        }

        return count;
    }

    private static TypedField First(HashSet<TypedField> fields)
    {
        foreach (TypedField field in fields)
        {
            return field;
        }

        return TypedField.None;
    }

    private static IEnumerable<string> Names(HashSet<TypedField> fields)
    {
        var names = new List<string>();
        foreach (TypedField field in fields)
        {
            names.Add(Name(field));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static string Quote(string text) => OnnxModelParser.Quote(text);

    /// <summary>A TensorProto's fields as read.</summary>
    private sealed class Fields
    {
        public List<long> Dims { get; } = [];

        public long DataType { get; set; }

        public string Name { get; set; } = string.Empty;

        public (int Start, int Length)? Raw { get; set; }

        public List<float>? Floats { get; set; }

        public List<int>? Int32s { get; set; }

        public long StringCount { get; set; }

        public long Int64Count { get; set; }

        public long DoubleCount { get; set; }

        public long Uint64Count { get; set; }

        public HashSet<TypedField> Present { get; } = [];

        public long DataLocation { get; set; } = DataLocationDefault;

        public string? ExternalLocation { get; set; }

        public bool HasExternal { get; set; }
    }
}
