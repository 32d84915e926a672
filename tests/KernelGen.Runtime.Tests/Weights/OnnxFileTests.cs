using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using KernelGen.Tests.Onnx;
using Xunit;
using static KernelGen.Tests.Onnx.OnnxBuilder;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>Valid ONNX files: what the reader gives back, in every storage form the format allows.</summary>
public sealed class OnnxFileTests
{
    private static readonly float[] Special = [1.5f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-45f, -3.4e38f, 65504f, 0.1f, -2f, 3f, 7f];

    [Fact]
    public void Model_fields_nodes_and_initializers_are_read()
    {
        byte[] model = LinearExport([1, 2, 3, 4, 5, 6], [0.5f, -0.5f], inFeatures: 3, outFeatures: 2);
        OnnxFile file = OnnxFile.FromBytes(model);

        Assert.Equal(7, file.IrVersion);
        Assert.Equal("kernelgen-tests", file.ProducerName);
        Assert.Equal("1", file.ProducerVersion);
        Assert.Equal([new KeyValuePair<string, long>(string.Empty, 13)], file.OpsetImports);
        Assert.Equal(["fc.bias", "7"], file.Initializers.Select(i => i.Name));
        Assert.Equal([3L, 2L], file.GetInitializer("7").Dims);
        Assert.Equal("[3, 2]", file.GetInitializer("7").DimsString);
        Assert.Equal(6, file.GetInitializer("7").ElementCount);
        Assert.Equal(OnnxDataType.FLOAT, file.GetInitializer("fc.bias").DataType);
        Assert.Equal(["MatMul", "Add"], file.Nodes.Select(n => n.OpType));
        Assert.Equal(["x", "7"], file.Nodes[0].Inputs);
        Assert.Equal(["y0"], file.Nodes[0].Outputs);
        Assert.Equal("MatMul_1", file.Nodes[0].Name);
        Assert.Equal(string.Empty, file.Nodes[0].Domain);
        Assert.True(file.Contains("7"));
        Assert.False(file.Contains("8"));
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], file.ReadSingles("7"));
    }

    [Fact]
    public void Float_values_read_the_same_bits_from_raw_data_packed_and_unpacked_float_data()
    {
        var unpacked = Header("unpacked", OnnxDataType.FLOAT, [3, 4]);
        foreach (float value in Special)
        {
            unpacked.Fixed32(4, BitConverter.SingleToUInt32Bits(value));
        }

        OnnxFile file = OnnxFile.FromBytes(ModelWith(
            Floats("raw", [3, 4], Special),
            Header("packed", OnnxDataType.FLOAT, [3, 4]).PackedFloats(4, Special),
            unpacked));

        foreach (string name in new[] { "raw", "packed", "unpacked" })
        {
            Assert.Equal(Bits(Special), Bits(file.ReadSingles(name)));
        }
    }

    [Fact]
    public void Float16_and_bfloat16_widen_exactly_from_raw_data_and_int32_data()
    {
        ushort[] halves = [0x0000, 0x8000, 0x3C00, 0x7BFF, 0x0001, 0x7C00, 0xFC00, 0x7E00, 0x3555];
        byte[] raw = MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
        OnnxFile file = OnnxFile.FromBytes(ModelWith(
            Tensor("h", OnnxDataType.FLOAT16, [9], raw),
            Header("h32", OnnxDataType.FLOAT16, [9]).PackedVarints(5, halves.Select(h => (long)h)),
            Tensor("b", OnnxDataType.BFLOAT16, [3, 3], raw),
            Header("b32", OnnxDataType.BFLOAT16, [3, 3]).PackedVarints(5, halves.Select(h => (long)h))));

        float[] expectedHalf = [.. halves.Select(h => ReducedPrecision.HalfBitsToSingle(h))];
        float[] expectedBFloat = [.. halves.Select(h => BitConverter.UInt32BitsToSingle((uint)h << 16))];
        Assert.Equal(Bits(expectedHalf), Bits(file.ReadSingles("h")));
        Assert.Equal(Bits(expectedHalf), Bits(file.ReadSingles("h32")));
        Assert.Equal(Bits(expectedBFloat), Bits(file.ReadSingles("b")));
        Assert.Equal(Bits(expectedBFloat), Bits(file.ReadSingles("b32")));
        Assert.Equal(1f, file.ReadSingles("h")[2]);
        Assert.Equal(65504f, file.ReadSingles("h")[3]);
    }

    [Fact]
    public void Scalars_and_empty_tensors_are_valid()
    {
        OnnxFile file = OnnxFile.FromBytes(ModelWith(
            Floats("scalar", [], [42f]),
            Header("empty", OnnxDataType.FLOAT, [0, 4]),
            Header("empty64", OnnxDataType.INT64, [3, 0])));

        Assert.Equal([42f], file.ReadSingles("scalar"));
        Assert.Empty(file.GetInitializer("scalar").Dims);
        Assert.Equal(1, file.GetInitializer("scalar").ElementCount);
        Assert.Empty(file.ReadSingles("empty"));
        Assert.Equal(0, file.GetInitializer("empty64").ElementCount);
    }

    [Fact]
    public void Other_data_types_open_and_refuse_to_read_as_float()
    {
        OnnxFile file = OnnxFile.FromBytes(ModelWith(
            Tensor("ids", OnnxDataType.INT64, [1, 2], new byte[16]),
            Header("typed", OnnxDataType.INT64, [3]).PackedVarints(7, [1, -2, 3]),
            Header("strings", OnnxDataType.STRING, [2]).String(6, "a").String(6, "b"),
            Header("doubles", OnnxDataType.DOUBLE, [2]).Fixed64(10, 1).Fixed64(10, 2),
            Tensor("int4", OnnxDataType.INT4, [3], new byte[2])));

        Assert.Equal(OnnxDataType.INT64, file.GetInitializer("typed").DataType);
        NotSupportedException refused = Assert.Throws<NotSupportedException>(() => file.ReadSingles("ids"));
        Assert.Equal("Initializer 'ids' has data type INT64; KernelGen reads FLOAT, FLOAT16 and BFLOAT16 initializers as float32.", refused.Message);
        Assert.Throws<NotSupportedException>(() => file.ReadSingles("strings"));
    }

    [Fact]
    public void Unknown_fields_are_skipped_at_every_level()
    {
        ProtoWriter tensor = Floats("w", [2], [1f, 2f]).Int64(99, 5).Fixed64(98, 7).String(12, "doc").Fixed32(97, 1);
        ProtoWriter node = Node("Relu", ["w"], ["y"]).String(6, "doc").Int64(50, 1);
        ProtoWriter graph = Graph([node], [tensor]).String(10, "doc").Message(11, new ProtoWriter().String(1, "x"));
        byte[] model = new ProtoWriter().Int64(1, 8).String(6, "doc").Int64(5, 3).Message(7, graph).Message(14, new ProtoWriter().String(1, "k").String(2, "v")).ToArray();

        OnnxFile file = OnnxFile.FromBytes(model);

        Assert.Equal([1f, 2f], file.ReadSingles("w"));
        Assert.Equal("Relu", Assert.Single(file.Nodes).OpType);
    }

    [Fact]
    public void Open_Read_and_FromMemory_give_the_same_file()
    {
        byte[] model = LinearExport([1, 2, 3, 4, 5, 6], [0.5f, -0.5f], 3, 2);
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        try
        {
            foreach (OnnxFile file in new[] { OnnxFile.Open(path), OnnxFile.Read(new MemoryStream(model)), OnnxFile.FromMemory(model) })
            {
                Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], file.ReadSingles("7"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_over_2_GiB_is_refused_before_it_is_read()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-onnx-{Guid.NewGuid():N}.onnx");
        using (var sparse = new FileStream(path, FileMode.CreateNew))
        {
            sparse.SetLength(OnnxFile.MaxFileLength + 1); // sparse: no disk used
        }

        try
        {
            OnnxFormatException refused = Assert.Throws<OnnxFormatException>(() => OnnxFile.Open(path));
            Assert.Equal($"Invalid ONNX file '{path}': it is 2147483648 bytes; an ONNX file holds at most 2147483647 (protobuf's 2 GiB limit; larger models keep their weights in external data, which KernelGen does not read).", refused.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_or_initializer_says_so()
    {
        Assert.Throws<FileNotFoundException>(() => OnnxFile.Open(Path.Combine(Path.GetTempPath(), "no-such-model.onnx")));
        OnnxFile file = OnnxFile.FromBytes(ModelWith(Floats("w", [1], [1f])));
        KeyNotFoundException missing = Assert.Throws<KeyNotFoundException>(() => file.ReadSingles("v"));
        Assert.Equal("The ONNX data has no initializer 'v'; it has 1.", missing.Message);
    }

    private static uint[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToUInt32Bits)];
}
