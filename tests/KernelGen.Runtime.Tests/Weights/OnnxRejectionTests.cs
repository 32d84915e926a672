using System;
using System.Text;
using System.Text.RegularExpressions;
using KernelGen.Tests.Onnx;
using Xunit;
using static KernelGen.Tests.Onnx.OnnxBuilder;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>
/// Truncated, hostile and wrong ONNX files, one check each: an <see cref="OnnxFormatException"/> that names
/// the message, the problem and the byte, thrown before anything is allocated from the bad number.
/// </summary>
public sealed class OnnxRejectionTests
{
    private const string Prefix = "Invalid ONNX data: ";

    [Fact]
    public void Bytes_that_are_not_an_ONNX_model_are_refused()
    {
        Rejects([], "ModelProto: it has neither ir_version (field 1) nor a graph (field 7): it is not an ONNX model (byte 0).");
        Rejects(Encoding.UTF8.GetBytes("{\"a\": 1}"), "ModelProto: field 15 uses the group encoding (wire type 3), which ONNX never writes (byte 1).");
        Rejects(Encoding.UTF8.GetBytes("[CLS]\n[SEP]\n"), "ModelProto: field 11 uses the group encoding (wire type 3), which ONNX never writes (byte 1).");
        Rejects([0x0E], "ModelProto: field 1 has wire type 6, which does not exist (this is not a protobuf message here) (byte 0).");
        Rejects([0x00], "ModelProto: a field has number 0, which protobuf does not allow (this is not a protobuf message here) (byte 0).");
        Rejects(new ProtoWriter().Int64(1, 7).ToArray(), "ModelProto: the model has no graph (field 7) (byte 2).");
        Rejects(new ProtoWriter().Message(7, Graph([], [])).ToArray(), "ModelProto: the model has no ir_version (field 1): it is not an ONNX model (byte #).");
        Rejects(Model(Graph([], []), irVersion: 0), "ModelProto: ir_version is 0; ONNX IR versions start at 1 (byte #).");
    }

    [Fact]
    public void Broken_varints_and_lengths_are_refused()
    {
        Rejects([0x08, 0x80], "ModelProto: ir_version is a varint cut off by the end of the message (byte 1).");
        Rejects([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], "ModelProto: ir_version is a varint of more than 64 bits (byte 1).");
        Rejects([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x00], "ModelProto: ir_version is a varint of more than 64 bits (byte 1).");
        Rejects([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], "ModelProto: a field tag is 34359738367, more than 32 bits (byte 0).");
        Rejects(new ProtoWriter().Int64(1, 7).Tag(7, 2).Varint(ulong.MaxValue).ToArray(),
            "ModelProto: graph claims 18446744073709551615 bytes, but only 0 are left in ModelProto (byte 3).");
        Rejects(new ProtoWriter().Int64(1, 7).Tag(7, 2).Varint(int.MaxValue + 1L).Raw([1, 2, 3]).ToArray(),
            "ModelProto: graph claims 2147483648 bytes, but only 3 are left in ModelProto (byte 3).");
        Rejects(new ProtoWriter().Int64(1, 7).Tag(30, 1).Raw([1, 2, 3]).ToArray(), "ModelProto: field 30 needs 8 bytes, but only 3 are left in ModelProto (byte 4).");
        Rejects(new ProtoWriter().Int64(1, 7).Tag(30, 5).Raw([1]).ToArray(), "ModelProto: field 30 needs 4 bytes, but only 1 are left in ModelProto (byte 4).");
    }

    [Fact]
    public void A_length_that_leaves_its_enclosing_message_is_refused()
    {
        // The graph holds 4 bytes; the initializer inside claims 100.
        byte[] model = new ProtoWriter().Int64(1, 7).Tag(7, 2).Varint(4).Tag(5, 2).Varint(100).Raw([0, 0]).Raw(new byte[200]).ToArray();

        Rejects(model, "graph: initializer[0] claims 100 bytes, but only 2 are left in graph (byte 5).");
    }

    [Fact]
    public void Every_prefix_of_a_valid_model_is_refused_with_a_format_exception()
    {
        byte[] model = LinearExport([1, 2, 3, 4, 5, 6], [0.5f, -0.5f], 3, 2);
        for (int length = 0; length < model.Length; length++)
        {
            Assert.Throws<OnnxFormatException>(() => OnnxFile.FromBytes(model.AsSpan(0, length)));
        }

        Assert.NotNull(OnnxFile.FromBytes(model));
    }

    [Fact]
    public void Known_fields_of_the_wrong_wire_type_are_refused()
    {
        Rejects(new ProtoWriter().String(1, "7").ToArray(), "ModelProto: field 1 (ir_version) has wire type 2 (LengthDelimited); its declaration needs 0 (Varint) (byte 1).");
        Rejects(Model(new ProtoWriter().Int64(5, 3)), "graph: field 5 (initializer) has wire type 0 (Varint); its declaration needs 2 (LengthDelimited) (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [1]).Int64(9, 4)), "graph.initializer[0]: field 9 (raw_data) has wire type 0 (Varint); its declaration needs 2 (LengthDelimited) (byte #).");
    }

    [Fact]
    public void Bad_dimensions_are_refused()
    {
        Rejects(ModelWith(Floats("w", [2, -1], [1f, 2f])), "graph.initializer[0]: initializer 'w' has dims[1] = -1; a dimension must be 0 or more (byte #).");
        Rejects(ModelWith(Floats("w", [long.MinValue], [1f])), "graph.initializer[0]: initializer 'w' has dims[0] = -9223372036854775808; a dimension must be 0 or more (byte #).");
        Rejects(ModelWith(Floats("w", [1L << 32, 1L << 32], [1f])), "graph.initializer[0]: initializer 'w' has dims [4294967296, 4294967296], whose element count overflows a 64-bit integer (byte #).");
        Rejects(ModelWith(Floats("w", [long.MaxValue, 2], [1f])), "graph.initializer[0]: initializer 'w' has dims [9223372036854775807, 2], whose element count overflows a 64-bit integer (byte #).");
        Rejects(ModelWith(Floats("w", new long[65], [1f])), "graph.initializer[0].dims: the tensor has more than 64 dims (byte #).");
        Rejects(ModelWith(Floats("w", [long.MaxValue / 4 + 1], [1f])), "graph.initializer[0]: initializer 'w' has 4 bytes of raw_data, but data type FLOAT and dims [2305843009213693952] need more than 2^63 (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [long.MaxValue / 2 + 1]).PackedFloats(4, [1f])), "graph.initializer[0]: initializer 'w' has 1 values in float_data, but data type FLOAT and dims [4611686018427387904] need more than 2^62 (byte #).");
    }

    [Fact]
    public void Data_that_does_not_match_the_type_and_dims_is_refused()
    {
        Rejects(ModelWith(Floats("w", [3], [1f, 2f])), "graph.initializer[0]: initializer 'w' has 8 bytes of raw_data, but data type FLOAT and dims [3] need 12 (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [3]).PackedFloats(4, [1f, 2f])), "graph.initializer[0]: initializer 'w' has 2 values in float_data, but data type FLOAT and dims [3] need 3 (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [3])), "graph.initializer[0]: initializer 'w' has dims [3] (3 elements) but no data: no raw_data and no float_data (byte #).");
        Rejects(ModelWith(Floats("w", [1], [1f]).PackedFloats(4, [1f])), "graph.initializer[0]: initializer 'w' has both raw_data and float_data; a tensor keeps its values in one of them (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [1]).PackedVarints(5, [1])), "graph.initializer[0]: initializer 'w' has data type FLOAT, whose values belong in float_data, but it stores int32_data (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.INT64, [1]).PackedVarints(5, [1]).PackedVarints(7, [1])), "graph.initializer[0]: initializer 'w' has values in more than one typed field (int32_data, int64_data) (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [1]).Bytes(4, [1, 2, 3])), "graph.initializer[0]: packed float_data is 3 bytes, not a whole number of 4-byte floats (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.DOUBLE, [1]).Bytes(10, [1, 2, 3])), "graph.initializer[0]: packed double_data is 3 bytes, not a whole number of 8-byte values (byte #).");
        Rejects(ModelWith(Header("h", OnnxDataType.FLOAT16, [1]).PackedVarints(5, [70_000])), "graph.initializer[0]: initializer 'h' has int32_data[0] = 70000; a FLOAT16 value is 16 bits, 0 to 65535 (byte #).");
        Rejects(ModelWith(Header("h", OnnxDataType.FLOAT16, [1]).PackedVarints(5, [-1])), "graph.initializer[0]: initializer 'h' has int32_data[0] = -1; a FLOAT16 value is 16 bits, 0 to 65535 (byte #).");
        Rejects(ModelWith(Header("h", OnnxDataType.INT32, [1]).PackedVarints(5, [1L << 40])), "graph.initializer[0].int32_data: int32_data is 1099511627776, outside the 32-bit range of its field (byte #).");
        Rejects(ModelWith(Tensor("s", OnnxDataType.STRING, [1], [65])), "graph.initializer[0]: initializer 's' has data type STRING and raw_data; strings are kept only in string_data (byte #).");
        Rejects(ModelWith(Header("c", OnnxDataType.COMPLEX64, [2]).PackedFloats(4, [1f, 2f])), "graph.initializer[0]: initializer 'c' has 2 values in float_data, but data type COMPLEX64 and dims [2] need 4 (byte #).");
    }

    [Fact]
    public void Bad_data_types_are_refused()
    {
        Rejects(ModelWith(new ProtoWriter().PackedVarints(1, [1]).String(8, "w").Bytes(9, new byte[4])), "graph.initializer[0]: initializer 'w' has no data_type (or UNDEFINED) (byte #).");
        Rejects(ModelWith(Tensor("w", (OnnxDataType)99, [1], new byte[4])), "graph.initializer[0]: initializer 'w' has data_type 99, which is not an ONNX TensorProto.DataType this reader knows (1 to 26) (byte #).");
        Rejects(ModelWith(Tensor("w", (OnnxDataType)(-1), [1], new byte[4])), "graph.initializer[0]: initializer 'w' has data_type -1, which is not an ONNX TensorProto.DataType this reader knows (1 to 26) (byte #).");
        Rejects(ModelWith(new ProtoWriter().Int64(2, 1L << 33)), "graph.initializer[0]: data_type is 8589934592, outside the 32-bit range of its field (byte #).");
    }

    [Fact]
    public void External_and_segmented_data_are_refused_with_what_to_do()
    {
        ProtoWriter external = Header("w", OnnxDataType.FLOAT, [1024]).Message(13, new ProtoWriter().String(1, "location").String(2, "model.onnx.data")).Int64(14, 1);
        Rejects(ModelWith(external), "graph.initializer[0]: initializer 'w' keeps its data in the external file 'model.onnx.data'; KernelGen reads only models whose weights are inside the .onnx file (save the model with its data inside, for example onnx.save(model, path, save_as_external_data=False)) (byte #).");
        Rejects(ModelWith(Header("w", OnnxDataType.FLOAT, [1]).Int64(14, 1)), "graph.initializer[0]: initializer 'w' keeps its data in an external file; KernelGen reads only models whose weights are inside the .onnx file (save the model with its data inside, for example onnx.save(model, path, save_as_external_data=False)) (byte #).");
        Rejects(ModelWith(Floats("w", [1], [1f]).Int64(14, 7)), "graph.initializer[0]: initializer 'w' has data_location 7; ONNX defines 0 (DEFAULT) and 1 (EXTERNAL) (byte #).");
        Rejects(ModelWith(Floats("w", [1], [1f]).Message(3, new ProtoWriter().Int64(1, 0).Int64(2, 1))), "graph.initializer[0]: the tensor is split into segments (field 3), which ONNX initializers do not use and KernelGen does not read (byte #).");
    }

    [Fact]
    public void Names_must_exist_be_unique_and_be_UTF8()
    {
        Rejects(ModelWith(Floats("w", [1], [1f]), Floats("w", [1], [2f])), "graph.initializer[1]: initializer 'w' has the name of graph.initializer[0]; initializer names must be unique (byte #).");
        Rejects(ModelWith(Floats(string.Empty, [1], [1f])), "graph.initializer[0]: an initializer has no name (field 8); nodes refer to initializers by name (byte #).");
        Rejects(ModelWith(new ProtoWriter().PackedVarints(1, [1]).Int64(2, 1).Bytes(8, [0x77, 0xFF]).Bytes(9, new byte[4])), "graph.initializer[0]: name is not valid UTF-8 (byte #).");
        Rejects(Model(Graph([Node(string.Empty, ["x"], ["y"], "n1")], [])), "graph.node[0]: node 'n1' has no op_type (byte #).");
        Rejects(Model(Graph([Node("Gemm", ["x"], ["y"], "g", ("transB", 1), ("transB", 0))], [])), "graph.node[0]: the node has two attributes named 'transB' (byte #).");
        Rejects(Model(Graph([Node("Gemm", ["x"], ["y"]).Message(5, new ProtoWriter().Int64(3, 1))], [])), "graph.node[0].attribute[0]: an attribute has no name (byte #).");
    }

    [Fact]
    public void A_second_graph_is_refused()
    {
        byte[] model = new ProtoWriter().Int64(1, 7).Message(7, Graph([], [])).Message(7, Graph([], [])).ToArray();

        Rejects(model, "ModelProto: the model has a second graph (field 7); an ONNX model has one (byte #).");
    }

    [Fact]
    public void Messages_give_the_byte_of_the_problem()
    {
        byte[] model = [0x08, 0x07, 0x3A, 0x03, 0x2A, 0x01, 0x00]; // ir_version 7, graph of 3 bytes: initializer of 1 byte: a field tag 0

        OnnxFormatException refused = Assert.Throws<OnnxFormatException>(() => OnnxFile.FromBytes(model));

        Assert.Equal(Prefix + "graph.initializer[0]: a field has number 0, which protobuf does not allow (this is not a protobuf message here) (byte 6).", refused.Message);
    }

    private static void Rejects(byte[] model, string expected)
    {
        OnnxFormatException refused = Assert.Throws<OnnxFormatException>(() => OnnxFile.FromBytes(model));
        string message = expected.Contains("(byte #)", StringComparison.Ordinal) ? Regex.Replace(refused.Message, @"\(byte \d+\)\.$", "(byte #).") : refused.Message;
        Assert.Equal(Prefix + expected, message);
    }
}
