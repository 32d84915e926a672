using System;
using System.Collections.Generic;
using System.Globalization;
using static KernelGen.OnnxDataTypes;

namespace KernelGen;

/// <summary>What <see cref="OnnxModelParser"/> keeps of a <c>ModelProto</c>.</summary>
internal sealed record OnnxModel(
    long IrVersion,
    string ProducerName,
    string ProducerVersion,
    IReadOnlyList<KeyValuePair<string, long>> OpsetImports,
    List<OnnxNode> Nodes,
    List<OnnxInitializer> Initializers);

/// <summary>
/// Parses the parts of an ONNX <c>ModelProto</c> that KernelGen needs — the IR version, opset imports,
/// producer, the main graph's nodes (operator, inputs, outputs, scalar and integer-list attributes) and
/// initializers — with field numbers from onnx.proto. Unknown fields are skipped, as protobuf allows.
/// Subgraphs (the bodies of If and Loop nodes) and sparse initializers are not read.
/// </summary>
/// <remarks>
/// Memory grows with the bytes the file actually holds, never with a length or count it claims: every
/// list grows as its entries are read, and every length is checked against its message first.
/// </remarks>
internal static class OnnxModelParser
{
    // ModelProto
    private const int ModelIrVersion = 1, ModelProducerName = 2, ModelProducerVersion = 3, ModelGraph = 7, ModelOpsetImport = 8;

    // OperatorSetIdProto
    private const int OpsetDomain = 1, OpsetVersion = 2;

    // GraphProto
    private const int GraphNode = 1, GraphInitializer = 5;

    // NodeProto
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5, NodeDomain = 7;

    // AttributeProto
    private const int AttributeName = 1, AttributeFloat = 2, AttributeInt = 3, AttributeType = 20;

    // TensorProto
    private const int TensorDims = 1, TensorDataType = 2, TensorSegment = 3, TensorFloatData = 4, TensorInt32Data = 5, TensorStringData = 6,
        TensorInt64Data = 7, TensorName = 8, TensorRawData = 9, TensorDoubleData = 10, TensorUint64Data = 11, TensorExternalData = 13,
        TensorDataLocation = 14;

    // StringStringEntryProto
    private const int EntryKey = 1, EntryValue = 2;

    private const long DataLocationDefault = 0, DataLocationExternal = 1;

    /// <summary>The most dimensions an initializer may have (NumPy's limit; exporters stay far below it).</summary>
    public const int MaxRank = 64;

    public static OnnxModel Parse(ReadOnlySpan<byte> file, string source)
    {
        var reader = new OnnxWireReader(file, 0, file.Length, source, "ModelProto");
        long? irVersion = null;
        string producer = string.Empty, producerVersion = string.Empty;
        var opsets = new List<KeyValuePair<string, long>>();
        (List<OnnxNode> Nodes, List<OnnxInitializer> Initializers)? graph = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case ModelIrVersion:
                    reader.Expect("ir_version", field, wire, WireType.Varint);
                    irVersion = reader.ReadInt64("ir_version");
                    break;
                case ModelProducerName:
                    reader.Expect("producer_name", field, wire, WireType.LengthDelimited);
                    producer = reader.ReadString("producer_name");
                    break;
                case ModelProducerVersion:
                    reader.Expect("producer_version", field, wire, WireType.LengthDelimited);
                    producerVersion = reader.ReadString("producer_version");
                    break;
                case ModelOpsetImport:
                {
                    reader.Expect("opset_import", field, wire, WireType.LengthDelimited);
                    (int start, int length) = reader.ReadLengthDelimited("opset_import");
                    opsets.Add(ParseOpset(reader.Nested(start, length, $"opset_import[{opsets.Count}]")));
                    break;
                }

                case ModelGraph:
                {
                    reader.Expect("graph", field, wire, WireType.LengthDelimited);
                    int at = reader.Position;
                    (int start, int length) = reader.ReadLengthDelimited("graph");
                    if (graph is not null)
                    {
                        // Protobuf would merge the two; no exporter writes that, and merging graphs hides tampering.
                        throw reader.Fail(at, "the model has a second graph (field 7); an ONNX model has one");
                    }

                    graph = ParseGraph(reader.Nested(start, length, "graph"));
                    break;
                }

                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        if (graph is null)
        {
            throw reader.Fail(reader.Position, irVersion is null
                ? "it has neither ir_version (field 1) nor a graph (field 7): it is not an ONNX model"
                : "the model has no graph (field 7)");
        }

        if (irVersion is not > 0)
        {
            throw reader.Fail(reader.Position, irVersion is null
                ? "the model has no ir_version (field 1): it is not an ONNX model"
                : $"ir_version is {irVersion}; ONNX IR versions start at 1");
        }

        return new OnnxModel(irVersion.Value, producer, producerVersion, opsets, graph.Value.Nodes, graph.Value.Initializers);
    }

    private static KeyValuePair<string, long> ParseOpset(OnnxWireReader reader)
    {
        string domain = string.Empty;
        long version = 0;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case OpsetDomain:
                    reader.Expect("domain", field, wire, WireType.LengthDelimited);
                    domain = reader.ReadString("domain");
                    break;
                case OpsetVersion:
                    reader.Expect("version", field, wire, WireType.Varint);
                    version = reader.ReadInt64("version");
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return new(domain, version);
    }

    private static (List<OnnxNode>, List<OnnxInitializer>) ParseGraph(OnnxWireReader reader)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxInitializer>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case GraphNode:
                {
                    reader.Expect("node", field, wire, WireType.LengthDelimited);
                    (int start, int length) = reader.ReadLengthDelimited($"node[{nodes.Count}]");
                    nodes.Add(ParseNode(reader.Nested(start, length, $"graph.node[{nodes.Count}]")));
                    break;
                }

                case GraphInitializer:
                {
                    reader.Expect("initializer", field, wire, WireType.LengthDelimited);
                    int index = initializers.Count;
                    (int start, int length) = reader.ReadLengthDelimited($"initializer[{index}]");
                    OnnxWireReader tensor = reader.Nested(start, length, $"graph.initializer[{index}]");
                    OnnxInitializer initializer = ParseTensor(tensor);
                    if (!names.TryAdd(initializer.Name, index))
                    {
                        throw tensor.Fail(start, $"initializer {Quote(initializer.Name)} has the name of graph.initializer[{names[initializer.Name]}]; initializer names must be unique");
                    }

                    initializers.Add(initializer);
                    break;
                }

                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return (nodes, initializers);
    }

    private static OnnxNode ParseNode(OnnxWireReader reader)
    {
        int start = reader.Position;
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        var attributeNames = new HashSet<string>(StringComparer.Ordinal); // a set: a hostile node may have 100,000 attributes
        string name = string.Empty, opType = string.Empty, domain = string.Empty;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case NodeInput:
                    reader.Expect("input", field, wire, WireType.LengthDelimited);
                    inputs.Add(reader.ReadString($"input[{inputs.Count}]"));
                    break;
                case NodeOutput:
                    reader.Expect("output", field, wire, WireType.LengthDelimited);
                    outputs.Add(reader.ReadString($"output[{outputs.Count}]"));
                    break;
                case NodeName:
                    reader.Expect("name", field, wire, WireType.LengthDelimited);
                    name = reader.ReadString("name");
                    break;
                case NodeOpType:
                    reader.Expect("op_type", field, wire, WireType.LengthDelimited);
                    opType = reader.ReadString("op_type");
                    break;
                case NodeDomain:
                    reader.Expect("domain", field, wire, WireType.LengthDelimited);
                    domain = reader.ReadString("domain");
                    break;
                case NodeAttribute:
                {
                    reader.Expect("attribute", field, wire, WireType.LengthDelimited);
                    int at = reader.Position;
                    (int begin, int length) = reader.ReadLengthDelimited($"attribute[{attributes.Count}]");
                    OnnxAttribute attribute = ParseAttribute(reader.Nested(begin, length, $"{reader.Where}.attribute[{attributes.Count}]"));
                    if (!attributeNames.Add(attribute.Name))
                    {
                        throw reader.Fail(at, $"the node has two attributes named {Quote(attribute.Name)}");
                    }

                    attributes.Add(attribute);
                    break;
                }

                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        if (opType.Length == 0)
        {
            throw reader.Fail(start, $"node {Quote(name)} has no op_type");
        }

        return new OnnxNode(name, opType, domain, [.. inputs], [.. outputs], [.. attributes]);
    }

    private static OnnxAttribute ParseAttribute(OnnxWireReader reader)
    {
        int start = reader.Position;
        string name = string.Empty;
        int type = 0;
        float f = 0;
        long i = 0;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case AttributeName:
                    reader.Expect("name", field, wire, WireType.LengthDelimited);
                    name = reader.ReadString("name");
                    break;
                case AttributeType:
                    reader.Expect("type", field, wire, WireType.Varint);
                    type = reader.ReadInt32("type");
                    break;
                case AttributeFloat:
                    reader.Expect("f", field, wire, WireType.Fixed32);
                    f = BitConverter.UInt32BitsToSingle(reader.ReadFixed32("f"));
                    break;
                case AttributeInt:
                    reader.Expect("i", field, wire, WireType.Varint);
                    i = reader.ReadInt64("i");
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        if (name.Length == 0)
        {
            throw reader.Fail(start, "an attribute has no name");
        }

        return new OnnxAttribute(name, type, f, i);
    }

    private static OnnxInitializer ParseTensor(OnnxWireReader reader)
    {
        int start = reader.Position;
        var dims = new List<long>();
        long dataType = 0;
        string name = string.Empty;
        (int Start, int Length)? raw = null;
        List<float>? floats = null;
        List<int>? int32s = null;
        long stringCount = 0, int64Count = 0, doubleCount = 0, uint64Count = 0;
        var present = new HashSet<TypedField>();
        long dataLocation = DataLocationDefault;
        string? externalLocation = null;
        bool hasExternal = false;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case TensorDims:
                    ReadDims(ref reader, field, wire, dims);
                    break;
                case TensorDataType:
                    reader.Expect("data_type", field, wire, WireType.Varint);
                    dataType = reader.ReadInt32("data_type");
                    break;
                case TensorName:
                    reader.Expect("name", field, wire, WireType.LengthDelimited);
                    name = reader.ReadString("name");
                    break;
                case TensorRawData:
                    reader.Expect("raw_data", field, wire, WireType.LengthDelimited);
                    raw = reader.ReadLengthDelimited("raw_data"); // protobuf: the last one wins
                    break;
                case TensorFloatData:
                    present.Add(TypedField.FloatData);
                    ReadRepeatedFloats(ref reader, field, wire, floats ??= []);
                    break;
                case TensorInt32Data:
                    present.Add(TypedField.Int32Data);
                    ReadRepeatedInt32s(ref reader, field, wire, int32s ??= []);
                    break;
                case TensorStringData:
                    present.Add(TypedField.StringData);
                    reader.Expect("string_data", field, wire, WireType.LengthDelimited);
                    reader.ReadLengthDelimited("string_data");
                    stringCount++;
                    break;
                case TensorInt64Data:
                    present.Add(TypedField.Int64Data);
                    int64Count += CountRepeated(ref reader, field, wire, WireType.Varint, "int64_data");
                    break;
                case TensorDoubleData:
                    present.Add(TypedField.DoubleData);
                    doubleCount += CountRepeated(ref reader, field, wire, WireType.Fixed64, "double_data");
                    break;
                case TensorUint64Data:
                    present.Add(TypedField.Uint64Data);
                    uint64Count += CountRepeated(ref reader, field, wire, WireType.Varint, "uint64_data");
                    break;
                case TensorDataLocation:
                    reader.Expect("data_location", field, wire, WireType.Varint);
                    dataLocation = reader.ReadInt64("data_location");
                    break;
                case TensorExternalData:
                {
                    reader.Expect("external_data", field, wire, WireType.LengthDelimited);
                    hasExternal = true;
                    (int begin, int length) = reader.ReadLengthDelimited("external_data");
                    (string key, string value) = ParseEntry(reader.Nested(begin, length, $"{reader.Where}.external_data"));
                    if (key == "location")
                    {
                        externalLocation = value;
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
                TypedField.FloatData => floats!.Count,
                TypedField.Int32Data => int32s!.Count,
                TypedField.StringData => stringCount,
                TypedField.Int64Data => int64Count,
                TypedField.DoubleData => doubleCount,
                _ => uint64Count,
            };
            long needed = count > long.MaxValue / 2 ? -1 : TypedEntriesFor(type, count);
            if (needed >= 0 && entries != needed)
            {
                throw reader.Fail(start, $"{where} has {entries} values in {Name(stored)}, but data type {type} and dims {OnnxInitializer.FormatDims(dims.ToArray())} need {needed}");
            }

            data = stored switch
            {
                TypedField.FloatData => new OnnxTensorData(-1, 0, floats!.ToArray(), null),
                TypedField.Int32Data => new OnnxTensorData(-1, 0, null, Int32Values(reader, start, where, type, int32s!)),
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

    /// <summary>A name in quotes, cut short and escaped, for messages (the safetensors reader's rule).</summary>
    internal static string Quote(string text) => SafetensorsHeaderParser.Quote(text);
}
