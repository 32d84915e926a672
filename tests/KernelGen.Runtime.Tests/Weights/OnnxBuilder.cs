using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace KernelGen.Tests.Onnx;

/// <summary>
/// Writes protobuf fields (varints, fixed-width values, length-delimited payloads, nested messages) with
/// no checks at all, so that tests can build valid ONNX files and every kind of broken one.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();

    public int Length => (int)_stream.Length;

    public ProtoWriter Tag(int field, int wireType)
    {
        Varint(((ulong)(uint)field << 3) | (uint)wireType);
        return this;
    }

    public ProtoWriter Varint(ulong value)
    {
        do
        {
            byte next = (byte)(value & 0x7F);
            value >>= 7;
            _stream.WriteByte(value == 0 ? next : (byte)(next | 0x80));
        }
        while (value != 0);
        return this;
    }

    public ProtoWriter Int64(int field, long value) => Tag(field, 0).Varint((ulong)value);

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _stream.Write(bytes);
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        _stream.Write(bytes);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2).Varint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter PackedVarints(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long value in values)
        {
            packed.Varint((ulong)value);
        }

        return Bytes(field, packed.ToArray());
    }

    public ProtoWriter PackedFloats(int field, ReadOnlySpan<float> values) => Bytes(field, MemoryMarshal.AsBytes(values));

    /// <summary>Appends bytes as they are (a hand-made field).</summary>
    public ProtoWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();
}

/// <summary>ONNX messages with onnx.proto's field numbers, for tests.</summary>
internal static class OnnxBuilder
{
    /// <summary>A TensorProto with its values in <c>raw_data</c> (little-endian).</summary>
    public static ProtoWriter Tensor(string name, OnnxDataType type, long[] dims, ReadOnlySpan<byte> raw)
    {
        ProtoWriter tensor = Header(name, type, dims);
        return tensor.Bytes(9, raw);
    }

    /// <summary>A FLOAT TensorProto with raw data.</summary>
    public static ProtoWriter Floats(string name, long[] dims, ReadOnlySpan<float> values) =>
        Tensor(name, OnnxDataType.FLOAT, dims, MemoryMarshal.AsBytes(values));

    /// <summary>A TensorProto of type, name and dims only; add the data yourself.</summary>
    public static ProtoWriter Header(string name, OnnxDataType type, long[] dims)
    {
        var tensor = new ProtoWriter();
        tensor.PackedVarints(1, dims);
        tensor.Int64(2, (long)type);
        tensor.String(8, name);
        return tensor;
    }

    /// <summary>A NodeProto.</summary>
    public static ProtoWriter Node(string opType, string[] inputs, string[] outputs, string name = "", params (string Name, long Value)[] ints)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        foreach (string output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, name).String(4, opType);
        foreach ((string attribute, long value) in ints)
        {
            node.Message(5, new ProtoWriter().String(1, attribute).Int64(3, value).Int64(20, 2));
        }

        return node;
    }

    /// <summary>A float attribute (AttributeProto.f, type FLOAT).</summary>
    public static ProtoWriter FloatAttribute(string name, float value) =>
        new ProtoWriter().String(1, name).Fixed32(2, BitConverter.SingleToUInt32Bits(value)).Int64(20, 1);

    /// <summary>A GraphProto of these nodes and initializers.</summary>
    public static ProtoWriter Graph(IEnumerable<ProtoWriter> nodes, IEnumerable<ProtoWriter> initializers)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, "test");
        foreach (ProtoWriter initializer in initializers)
        {
            graph.Message(5, initializer);
        }

        return graph;
    }

    /// <summary>A ModelProto (IR 7, opset 13) around <paramref name="graph"/>.</summary>
    public static byte[] Model(ProtoWriter graph, long irVersion = 7) =>
        new ProtoWriter()
            .Int64(1, irVersion)
            .String(2, "kernelgen-tests")
            .String(3, "1")
            .Message(8, new ProtoWriter().String(1, string.Empty).Int64(2, 13))
            .Message(7, graph)
            .ToArray();

    /// <summary>A model of just these initializers.</summary>
    public static byte[] ModelWith(params ProtoWriter[] initializers) => Model(Graph([], initializers));

    /// <summary>
    /// A PyTorch-style export of one Linear layer <c>fc</c> ([out, in] weight W, bias b): <c>MatMul(x, '7')</c> with
    /// '7' = Wᵀ ([in, out]), then <c>Add('fc.bias', ·)</c>.
    /// </summary>
    public static byte[] LinearExport(float[] weight, float[] bias, int inFeatures, int outFeatures)
    {
        var transposed = new float[weight.Length];
        for (int o = 0; o < outFeatures; o++)
        {
            for (int i = 0; i < inFeatures; i++)
            {
                transposed[(i * outFeatures) + o] = weight[(o * inFeatures) + i];
            }
        }

        return Model(Graph(
            [Node("MatMul", ["x", "7"], ["y0"], "MatMul_1"), Node("Add", ["fc.bias", "y0"], ["y"], "Add_2")],
            [Floats("fc.bias", [outFeatures], bias), Floats("7", [inFeatures, outFeatures], transposed)]));
    }
}
