using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KernelGen.Benchmarks;

/// <summary>
/// Builds an ONNX model (default domain, one opset) node by node: inputs, float and int64 initializers,
/// nodes with int, ints and float attributes, and outputs. Field numbers are those of onnx.proto
/// (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto).
/// </summary>
internal sealed class OnnxGraph(string name, int opset = 20)
{
    private const int FloatType = 1; // TensorProto.DataType.FLOAT
    private const int Int64Type = 7; // TensorProto.DataType.INT64

    private readonly List<Action<ProtobufWriter>> _nodes = [];
    private readonly List<Action<ProtobufWriter>> _initializers = [];
    private readonly List<Action<ProtobufWriter>> _inputs = [];
    private readonly List<Action<ProtobufWriter>> _outputs = [];
    private int _nextValue;

    /// <summary>Declares a float32 graph input of fixed <paramref name="dims"/>.</summary>
    public string FloatInput(string input, params long[] dims) => Input(input, FloatType, dims);

    /// <summary>Declares an int64 graph input of fixed <paramref name="dims"/>.</summary>
    public string Int64Input(string input, params long[] dims) => Input(input, Int64Type, dims);

    /// <summary>Adds a float32 constant (raw little-endian data, as x86 and Arm store it).</summary>
    public string Constant(string constant, ReadOnlySpan<float> values, params long[] dims) =>
        Initializer(constant, FloatType, MemoryMarshal.AsBytes(values).ToArray(), dims);

    /// <summary>Adds an int64 constant (a shape for Reshape, gather indices).</summary>
    public string Int64Constant(string constant, ReadOnlySpan<long> values, params long[] dims) =>
        Initializer(constant, Int64Type, MemoryMarshal.AsBytes(values).ToArray(), dims);

    /// <summary>Adds a float32 scalar constant.</summary>
    public string Scalar(string constant, float value) => Constant(constant, [value]);

    /// <summary>Adds a node of <paramref name="opType"/> with one output, named after the node, and returns that name.</summary>
    public string Node(string opType, string[] inputs, params OnnxAttribute[] attributes)
    {
        string node = string.Create(CultureInfo.InvariantCulture, $"{opType.ToLowerInvariant()}_{_nextValue++}");
        _nodes.Add(writer =>
        {
            foreach (string input in inputs)
            {
                writer.String(1, input);
            }

            writer.String(2, node).String(3, node).String(4, opType);
            foreach (OnnxAttribute attribute in attributes)
            {
                writer.Message(5, attribute.Write);
            }
        });
        return node;
    }

    /// <summary>Marks <paramref name="value"/> as a float32 graph output of fixed <paramref name="dims"/>.</summary>
    public void FloatOutput(string value, params long[] dims) => _outputs.Add(writer => ValueInfo(writer, value, FloatType, dims));

    /// <summary>The model's bytes.</summary>
    public byte[] ToModel() => new ProtobufWriter()
        .Int64(1, 9) // ir_version 9: ONNX 1.15, the first with opset 20
        .String(2, "KernelGen.Benchmarks") // producer_name
        .Message(8, opsetImport => opsetImport.String(1, string.Empty).Int64(2, opset))
        .Message(7, graph =>
        {
            _nodes.ForEach(node => graph.Message(1, node));
            graph.String(2, name);
            _initializers.ForEach(tensor => graph.Message(5, tensor));
            _inputs.ForEach(input => graph.Message(11, input));
            _outputs.ForEach(output => graph.Message(12, output));
        })
        .ToArray();

    private string Input(string input, int elementType, long[] dims)
    {
        _inputs.Add(writer => ValueInfo(writer, input, elementType, dims));
        return input;
    }

    private string Initializer(string constant, int elementType, byte[] raw, long[] dims)
    {
        _initializers.Add(tensor =>
        {
            foreach (long extent in dims)
            {
                tensor.Int64(1, extent);
            }

            tensor.Int64(2, elementType).String(8, constant).Bytes(9, raw);
        });
        return constant;
    }

    // ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1; shape = 2 { dim = 1 { dim_value = 1 } } } } }
    private static void ValueInfo(ProtobufWriter value, string name, int elementType, long[] dims) => value
        .String(1, name)
        .Message(2, type => type.Message(1, tensor => tensor
            .Int64(1, elementType)
            .Message(2, shape =>
            {
                foreach (long extent in dims)
                {
                    shape.Message(1, dim => dim.Int64(1, extent));
                }
            })));
}

/// <summary>A node attribute: an int, a list of ints or a float (AttributeProto).</summary>
internal readonly record struct OnnxAttribute(string Name, int Type, long Int, long[]? Ints, float Float)
{
    private const int FloatKind = 1, IntKind = 2, IntsKind = 7; // AttributeProto.AttributeType

    public static OnnxAttribute Of(string name, long value) => new(name, IntKind, value, null, 0f);

    public static OnnxAttribute Of(string name, float value) => new(name, FloatKind, 0, null, value);

    public static OnnxAttribute Of(string name, params long[] values) => new(name, IntsKind, 0, values, 0f);

    public void Write(ProtobufWriter attribute)
    {
        attribute.String(1, Name);
        switch (Type)
        {
            case FloatKind:
                attribute.Float(2, Float);
                break;
            case IntKind:
                attribute.Int64(3, Int);
                break;
            default:
                foreach (long value in Ints!)
                {
                    attribute.Int64(8, value);
                }

                break;
        }

        attribute.Int64(20, Type);
    }
}
