using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>Valid files: what the reader gives back, from memory, a stream and a mapped file.</summary>
public sealed class SafetensorsReaderTests
{
    // The reference implementation's documentation example: an I32 [2, 2] tensor of zeros, header
    // length 60 ('<'), no padding.
    private static readonly byte[] ReferenceExample = Encoding.ASCII.GetBytes(
            "<\0\0\0\0\0\0\0{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}")
        .Concat(new byte[16]).ToArray();

    [Fact]
    public void ReferenceExample_Opens_AndItsBytesAreReadable()
    {
        using SafetensorsFile file = SafetensorsFile.FromBytes(ReferenceExample);

        SafetensorsTensorInfo test = Assert.Single(file.Tensors);
        Assert.Equal("test", test.Name);
        Assert.Equal(SafetensorsDType.I32, test.DType);
        Assert.Equal([2, 2], test.Shape);
        Assert.Equal(4, test.ElementCount);
        Assert.Equal((0L, 16L), (test.DataBegin, test.DataEnd));
        Assert.Equal(60, file.HeaderLength);
        Assert.Equal(68, file.DataStart);
        Assert.Equal(new byte[16], file.ReadBytes("test"));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void IntegerTensor_IsNotReadAsFloat32_WithAClearMessage()
    {
        using SafetensorsFile file = SafetensorsFile.FromBytes(ReferenceExample);

        var exception = Assert.Throws<NotSupportedException>(() => file.ReadSingles("test"));
        Assert.Equal(
            "Tensor 'test' has dtype I32; KernelGen reads F32, F16 and BF16 tensors as float32 (ReadBytes gives the raw bytes of any dtype).",
            exception.Message);
    }

    [Fact]
    public void F32_F16_BF16_AndMetadata_ReadBack()
    {
        byte[] data = SafetensorsBytes.Concat(
            SafetensorsBytes.Singles(1.5f, -2f, float.PositiveInfinity, 1e-45f, -0f, 3.25f),
            SafetensorsBytes.Words(0x3C00, 0xC000, 0x0001, 0x7BFF, 0xFC00, 0x8000), // F16: 1, -2, 2^-24, 65504, -inf, -0
            SafetensorsBytes.Words(0x3F80, 0xC040, 0x0001, 0x7F7F)); // BF16: 1, -3, smallest subnormal, largest finite
        string header =
            "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"é\"}," +
            "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}," +
            "\"h\":{\"dtype\":\"F16\",\"shape\":[6],\"data_offsets\":[24,36]}," +
            "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[36,44]}}   ";

        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File(header, data));

        Assert.Equal(["a", "h", "b"], file.Tensors.Select(t => t.Name));
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "é" }, file.Metadata);
        AssertBits([1.5f, -2f, float.PositiveInfinity, 1e-45f, -0f, 3.25f], file.ReadSingles("a"));
        AssertBits([1f, -2f, MathF.Pow(2, -24), 65504f, float.NegativeInfinity, -0f], file.ReadSingles("h"));
        AssertBits([1f, -3f, BitConverter.UInt32BitsToSingle(0x0001_0000), BitConverter.UInt32BitsToSingle(0x7F7F_0000)], file.ReadSingles("b"));
        Tensor b = file.ReadTensor("b");
        Assert.Equal("(2, 2)", b.ShapeString);
    }

    [Fact]
    public void ScalarsAndEmptyTensors_AreValid()
    {
        // A scalar holds one element; empty tensors hold none and may sit anywhere on the tiling.
        string header =
            "{\"empty0\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}," +
            "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}," +
            "\"empty1\":{\"dtype\":\"BF16\",\"shape\":[3,0,5],\"data_offsets\":[4,4]}}";

        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File(header, SafetensorsBytes.Singles(7f)));

        Assert.Equal([7f], file.ReadSingles("s"));
        Assert.Equal("()", file.ReadTensor("s").ShapeString);
        Assert.Empty(file.ReadSingles("empty0"));
        Assert.Equal("(3, 0, 5)", file.ReadTensor("empty1").ShapeString);
    }

    [Fact]
    public void EmptyTensorWithAHugeExtent_ReadsAsAnEmptyTensor()
    {
        // Found by the fuzzer: Tensor refused the shape (2147483647, 0), which holds no values.
        string header = "{\"e\":{\"dtype\":\"F32\",\"shape\":[2147483647,0],\"data_offsets\":[0,0]}}";

        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File(header, 0));

        Tensor empty = file.ReadTensor("e");
        Assert.Equal("(2147483647, 0)", empty.ShapeString);
        Assert.Equal(0, empty.Length);
    }

    [Fact]
    public void EmptyHeader_IsAFileWithoutTensors()
    {
        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File("{}", 0));

        Assert.Empty(file.Tensors);
        Assert.Equal(
            "The safetensors data has no tensor 'w'; it holds no tensors.",
            Assert.Throws<KeyNotFoundException>(() => file.GetTensor("w")).Message);
    }

    [Fact]
    public void MissingTensor_ListsWhatTheFileHolds()
    {
        using SafetensorsFile file = SafetensorsFile.FromBytes(new SafetensorsWriter().Add("x", [1f], [1]).Add("y", [2f], [1]).ToArray());

        Assert.False(file.Contains("z"));
        Assert.Equal(
            "The safetensors data has no tensor 'z'; it holds 'x', 'y'.",
            Assert.Throws<KeyNotFoundException>(() => file.ReadSingles("z")).Message);
    }

    [Fact]
    public void Open_MapsAFile_AndReadsTheSameAsFromMemory()
    {
        byte[] bytes = new SafetensorsWriter()
            .Add("w", Enumerable.Range(0, 1000).Select(i => i * 0.25f).ToArray(), [10, 100])
            .Add("h", Enumerable.Range(0, 70_000).Select(i => (float)(i % 2048)).ToArray(), [70_000], SafetensorsDType.F16)
            .ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        try
        {
            using SafetensorsFile mapped = SafetensorsFile.Open(path);
            using SafetensorsFile memory = SafetensorsFile.FromBytes(bytes);
            using SafetensorsFile streamed = SafetensorsFile.Read(new MemoryStream(bytes));

            foreach (string name in new[] { "w", "h" })
            {
                AssertBits(memory.ReadSingles(name), mapped.ReadSingles(name));
                AssertBits(memory.ReadSingles(name), streamed.ReadSingles(name));
            }

            Assert.Equal(Enumerable.Range(0, 70_000).Select(i => (float)(i % 2048)), mapped.ReadSingles("h"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_ACorruptFile_NamesThePath_AndReleasesIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
            Assert.Equal($"Invalid safetensors file '{path}': it is 3 bytes long; a safetensors file starts with an 8-byte header length.", exception.Message);

            File.WriteAllBytes(path, SafetensorsBytes.File("{\"w\":1}", 0));
            Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
            File.WriteAllBytes(path, []);
            Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        }
        finally
        {
            File.Delete(path); // the failed opens left no mapping behind
        }
    }

    [Fact]
    public void Open_AMissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Open(Path.Combine(Path.GetTempPath(), $"kernelgen-{Guid.NewGuid():N}.safetensors")));
    }

    [Fact]
    public void ReadsAfterDispose_Throw_AndDisposeTwiceIsQuiet()
    {
        SafetensorsFile file = SafetensorsFile.FromBytes(new SafetensorsWriter().Add("x", [1f], [1]).ToArray());
        file.Dispose();
        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.ReadSingles("x"));
        Assert.Throws<ObjectDisposedException>(() => file.ReadBytes("x"));
        Assert.Equal("x", Assert.Single(file.Tensors).Name); // the checked header stays readable
    }

    [Fact]
    public void ReadSingles_IntoADestinationOfTheWrongLength_Throws()
    {
        using SafetensorsFile file = SafetensorsFile.FromBytes(new SafetensorsWriter().Add("x", [1f, 2f], [2]).ToArray());

        var exception = Assert.Throws<ArgumentException>(() => file.ReadSingles("x", new float[3]));
        Assert.Equal("destination has 3 values; tensor 'x' of shape [2] has 2. (Parameter 'destination')", exception.Message);
    }

    [Fact]
    public void ConcurrentReads_OfAMappedFile_GiveTheSameValues()
    {
        float[] values = Enumerable.Range(0, 4096).Select(i => i * 0.5f).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-{Guid.NewGuid():N}.safetensors");
        new SafetensorsWriter().Add("v", values, [4096], SafetensorsDType.BF16).Save(path);
        try
        {
            using SafetensorsFile file = SafetensorsFile.Open(path);
            float[][] results = new float[8][];
            System.Threading.Tasks.Parallel.For(0, results.Length, i => results[i] = file.ReadSingles("v"));
            foreach (float[] result in results)
            {
                AssertBits(results[0], result);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static void AssertBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), actual.Select(BitConverter.SingleToUInt32Bits));
    }
}
