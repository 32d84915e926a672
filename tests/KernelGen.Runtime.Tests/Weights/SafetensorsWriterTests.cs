using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>The writer's exact bytes, its order and padding, its conversions and its argument checks.</summary>
public sealed class SafetensorsWriterTests
{
    [Fact]
    public void OneTensor_GivesTheReferenceLayout_ByteForByte()
    {
        byte[] bytes = new SafetensorsWriter().Add("weight", [1f, 2f, 3f, 4f], [2, 2]).ToArray();

        // {"weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}} is 62 bytes; padded to 64.
        string header = "{\"weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}  ";
        Assert.Equal(SafetensorsBytes.File(header, SafetensorsBytes.Singles(1f, 2f, 3f, 4f)), bytes);
    }

    [Fact]
    public void Tensors_AreOrderedByAlignmentThenName_MetadataFirst_HeaderPaddedToEightBytes()
    {
        byte[] bytes = new SafetensorsWriter()
            .Add("z.h", [1f], [1], SafetensorsDType.F16)
            .Add("b", [1f], [], SafetensorsDType.F32)
            .Add("a.bf", [1f, 2f], [2], SafetensorsDType.BF16)
            .Add("a", [5f], [1, 1])
            .AddMetadata("format", "pt")
            .AddMetadata("author", "kg")
            .ToArray();

        long headerLength = BitConverter.ToInt64(bytes, 0);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(
            "{\"__metadata__\":{\"author\":\"kg\",\"format\":\"pt\"}," +
            "\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}," +
            "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]}," +
            "\"a.bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}," +
            "\"z.h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[12,14]}}",
            header.TrimEnd(' '));

        using SafetensorsFile file = SafetensorsFile.FromBytes(bytes);
        Assert.Equal(["a", "b", "a.bf", "z.h"], file.Tensors.Select(t => t.Name));
        Assert.Equal("kg", file.Metadata["author"]);
    }

    [Fact]
    public void RoundTrip_KeepsEveryF32Bit_IncludingNaNPayloadsAndSubnormals()
    {
        var random = new Random(7);
        float[] values = Enumerable.Range(0, 4096).Select(_ => BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32))).ToArray();

        using SafetensorsFile file = SafetensorsFile.FromBytes(new SafetensorsWriter().Add("v", values, [64, 64]).ToArray());

        SafetensorsReaderTests.AssertBits(values, file.ReadSingles("v"));
        Assert.Equal("(64, 64)", file.ReadTensor("v").ShapeString);
    }

    [Theory]
    [InlineData(SafetensorsDType.F16)]
    [InlineData(SafetensorsDType.BF16)]
    public void RoundTrip_OfEvery16BitPattern_IsExact(SafetensorsDType dtype)
    {
        bool half = dtype == SafetensorsDType.F16;
        float[] widened = Enumerable.Range(0, 65536)
            .Select(i => half ? ReducedPrecision.HalfBitsToSingle((ushort)i) : ReducedPrecision.BFloat16BitsToSingle((ushort)i))
            .ToArray();

        byte[] bytes = new SafetensorsWriter().Add("all", widened, [256, 256], dtype).ToArray();
        using SafetensorsFile file = SafetensorsFile.FromBytes(bytes);

        Assert.Equal(Enumerable.Range(0, 65536).SelectMany(i => new[] { (byte)i, (byte)(i >> 8) }), file.ReadBytes("all"));
        SafetensorsReaderTests.AssertBits(widened, file.ReadSingles("all"));
    }

    [Fact]
    public void Narrowing_RoundsToNearestEven()
    {
        // 1 + 2^-11 is halfway between halves 1 and 1 + 2^-10: ties to even (1). 1 + 3·2^-11 ties up to 1 + 2^-9.
        float[] values = [1f + MathF.Pow(2, -11), 1f + (3 * MathF.Pow(2, -11)), 65519.996f, 65520f];
        using SafetensorsFile file = SafetensorsFile.FromBytes(new SafetensorsWriter().Add("h", values, [4], SafetensorsDType.F16).ToArray());

        Assert.Equal([1f, 1f + MathF.Pow(2, -9), 65504f, float.PositiveInfinity], file.ReadSingles("h"));
    }

    [Fact]
    public void Save_WritesAFileThatOpens()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            new SafetensorsWriter().Add("t", new Tensor(2, 3)).Save(path);

            using SafetensorsFile file = SafetensorsFile.Open(path);
            Assert.Equal([2, 3], file.GetTensor("t").Shape);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EmptyWriter_WritesAnEmptyHeader()
    {
        Assert.Equal(SafetensorsBytes.File("{}      ", 0), new SafetensorsWriter().ToArray());
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var writer = new SafetensorsWriter().Add("x", [1f], [1]);

        Assert.Equal(
            "A tensor named 'x' was already added. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => writer.Add("x", [1f], [1])).Message);
        Assert.Equal(
            "'__metadata__' is reserved for the metadata map; it cannot name a tensor. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => writer.Add("__metadata__", [1f], [1])).Message);
        Assert.Equal(
            "'y' has 3 values, but shape [2, 2] holds 4. (Parameter 'values')",
            Assert.Throws<ArgumentException>(() => writer.Add("y", [1f, 2f, 3f], [2, 2])).Message);
        Assert.Equal(
            "shape [2, -2] has a negative extent. (Parameter 'shape')",
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add("y", [1f], [2, -2])).Message);
        Assert.Equal(
            "dtype I32 cannot be written from float32 values; use F32, F16 or BF16.",
            Assert.Throws<NotSupportedException>(() => writer.Add("y", [1f], [1], SafetensorsDType.I32)).Message);
        Assert.Equal(1, writer.Count);
    }
}
