using System;
using System.Collections.Generic;
using System.Globalization;

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
/// initializers (<see cref="OnnxTensorParser"/>) — with field numbers from onnx.proto. Unknown fields are
/// skipped, as protobuf allows.
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
                    OnnxInitializer initializer = OnnxTensorParser.Parse(tensor);
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

    /// <summary>A name in quotes, cut short and escaped, for messages (the safetensors reader's rule).</summary>
    internal static string Quote(string text) => SafetensorsHeaderParser.Quote(text);
}
