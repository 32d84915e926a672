using System;
using System.Buffers.Binary;
using System.Text;
using Xunit;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>
/// Every check of the header, one bad file each: the exception is a SafetensorsFormatException whose
/// message names the tensor and the problem, thrown before any tensor data is read.
/// </summary>
public sealed class SafetensorsRejectionTests
{
    private const string Prefix = "Invalid safetensors data: ";

    private const string Offsets = "\"data_offsets\":[0,8]";

    public static TheoryData<string, int, string, string?> BadHeaders => new()
    {
        // JSON and UTF-8
        { "", 0, "the header is empty; it must be a JSON object.", null },
        { " {}", 0, "the header starts with byte 0x20; the format requires '{' (0x7B).", null },
        { "[1,2]", 0, "the header starts with byte 0x5B; the format requires '{' (0x7B).", null },
        { "\uFEFF{}", 0, "the header starts with byte 0xEF; the format requires '{' (0x7B).", null },
        // Tensor entries
        { "{\"a\":1}", 0, "tensor 'a' is a number; it must be an object with \"dtype\", \"shape\" and \"data_offsets\".", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]," + Offsets + "},\"a\":{\"dtype\":\"F32\",\"shape\":[2]," + Offsets + "}}", 8,
            "tensor 'a' appears twice in the header (duplicate keys are not allowed).", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[2]," + Offsets + "}}", 8, "tensor 'a' has \"dtype\" twice.", "a" },
        { "{\"a\":{\"shape\":[2]," + Offsets + "}}", 8, "tensor 'a' has no \"dtype\".", "a" },
        { "{\"a\":{\"dtype\":\"F32\"," + Offsets + "}}", 8, "tensor 'a' has no \"shape\".", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "tensor 'a' has no \"data_offsets\".", "a" },
        { "{\"a\":{\"dtype\":32,\"shape\":[2]," + Offsets + "}}", 8, "tensor 'a' has a \"dtype\" that is a number; it must be a string such as \"F32\".", "a" },
        { "{\"a\":{\"dtype\":\"f32\",\"shape\":[2]," + Offsets + "}}", 8,
            "tensor 'a' has dtype 'f32', which is not a safetensors dtype (BOOL, F4, F6_E2M3, F6_E3M2, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64).", "a" },
        { "{\"a\":{\"dtype\":\"15\",\"shape\":[2]," + Offsets + "}}", 8,
            "tensor 'a' has dtype '15', which is not a safetensors dtype (BOOL, F4, F6_E2M3, F6_E3M2, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64).", "a" },
        // Shapes
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":2," + Offsets + "}}", 8, "tensor 'a' has a \"shape\" that is a number; it must be an array of extents.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,-1]," + Offsets + "}}", 8, "tensor 'a' has shape[1] = -1; an extent must be an integer from 0 to 2147483647.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483648]," + Offsets + "}}", 8, "tensor 'a' has shape[0] = 2147483648; an extent must be an integer from 0 to 2147483647.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0]," + Offsets + "}}", 8, "tensor 'a' has shape[0] = 2.0; an extent must be an integer from 0 to 2147483647.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[\"2\"]," + Offsets + "}}", 8, "tensor 'a' has shape[0] = \"2\"; an extent must be an integer from 0 to 2147483647.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[1" + new string('0', 100) + "]," + Offsets + "}}", 8,
            "tensor 'a' has shape[0] = 1000000000000000000000000000000000000000… (101 bytes); an extent must be an integer from 0 to 2147483647.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,0]}}", 0,
            "tensor 'a' has dtype F32 and shape [2147483647, 2147483647, 2147483647], whose size in bytes overflows a 64-bit integer.", "a" },
        { "{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,1]}}", 1, "tensor 'a' has dtype F4 and shape [3]: 12 bits, not a whole number of bytes.", "a" },
        // Offsets
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8,
            "tensor 'a' has \"data_offsets\" [0]; it must be an array of two integers [begin, end].", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", 8,
            "tensor 'a' has \"data_offsets\" [-8, 0]; offsets must be non-negative integers.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,18446744073709551616]}}", 8,
            "tensor 'a' has \"data_offsets\" [0, 18446744073709551616]; offsets must be non-negative integers.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "tensor 'a' has data_offsets [8, 0]: its begin is after its end.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[18446744073709551607,18446744073709551615]}}", 8,
            "tensor 'a' has data_offsets [18446744073709551607, 18446744073709551615], past the end of the 8-byte data buffer.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8, "tensor 'a' has data_offsets [0, 16], past the end of the 8-byte data buffer.", "a" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[3]," + Offsets + "}}", 8,
            "tensor 'a' has data_offsets [0, 8] (8 bytes), but dtype F32 and shape [3] need 12 bytes.", "a" },
        // Tiling: no holes, no overlaps, no trailing bytes
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12,
            "bytes [4, 8) of the data buffer, before tensor 'b', belong to no tensor; the format forbids holes.", "b" },
        { "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
            "bytes [0, 4) of the data buffer, before tensor 'b', belong to no tensor; the format forbids holes.", "b" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
            "tensor 'b' (bytes [4, 8)) overlaps tensor 'a' (bytes [0, 8)).", "b" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8,
            "tensor 'b' (bytes [0, 8)) overlaps tensor 'a' (bytes [0, 8)).", "b" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}", 8,
            "tensor 'e' (bytes [4, 4)) overlaps tensor 'a' (bytes [0, 8)).", "e" },
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8,
            "bytes [4, 8) at the end of the data buffer belong to no tensor; the tensors must cover the buffer exactly.", null },
        { "{}", 1, "bytes [0, 1) at the end of the data buffer belong to no tensor; the tensors must cover the buffer exactly.", null },
        // Metadata
        { "{\"__metadata__\":[\"pt\"]}", 0, "\"__metadata__\" is an array; it must be an object mapping strings to strings.", null },
        { "{\"__metadata__\":{\"epoch\":3}}", 0, "\"__metadata__\" entry 'epoch' is a number; every metadata value must be a string.", null },
        { "{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0, "\"__metadata__\" has the key 'k' twice.", null },
        { "{\"__metadata__\":{},\"__metadata__\":{}}", 0, "the header has two \"__metadata__\" entries.", null },
        // Names in messages: control characters escaped, long names cut
        { "{\"a\\nb\":2}", 0, "tensor 'a\\u000Ab' is a number; it must be an object with \"dtype\", \"shape\" and \"data_offsets\".", "a\nb" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void BadHeader_ThrowsFormatException_NamingTheTensorAndTheProblem(string header, int dataLength, string message, string? tensor)
    {
        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(SafetensorsBytes.File(header, dataLength)));

        Assert.Equal(Prefix + message, exception.Message);
        Assert.Equal(tensor, exception.TensorName);
    }

    [Theory]
    [InlineData("{\"a\":", "the header is not valid JSON")]
    [InlineData("{} x", "the header is not valid JSON")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",},}", "the header is not valid JSON")]
    [InlineData("{/* c */}", "the header is not valid JSON")]
    [InlineData("{\"a\":{\"shape\":[[[[1]]]]}}", "nests deeper than 3 levels")]
    public void MalformedJson_Throws(string header, string fragment)
    {
        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(SafetensorsBytes.File(header, 0)));

        Assert.StartsWith(Prefix, exception.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(exception.InnerException, exactMatch: false);
    }

    [Fact]
    public void DeeplyNestedJson_IsRefusedQuickly()
    {
        string header = "{\"a\":" + new string('[', 1_000_000) + new string(']', 1_000_000) + "}";

        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(SafetensorsBytes.File(header, 0)));
        Assert.Contains("nests deeper than 3 levels", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"\\ud800\":{}}", "the header has a key that is not valid UTF-16 text")]
    [InlineData("{\"__metadata__\":{\"\\udc00x\":\"v\"}}", "the header has a key that is not valid UTF-16 text")]
    [InlineData("{\"__metadata__\":{\"k\":\"\\ud800\"}}", "the header has a string value that is not valid UTF-16 text")]
    [InlineData("{\"a\":{\"dtype\":\"\\ud800\",\"shape\":[],\"data_offsets\":[0,4]}}", "the header has a string value that is not valid UTF-16 text")]
    public void LoneSurrogateEscape_Throws(string header, string fragment)
    {
        // Found by the fuzzer: System.Text.Json parses "\ud800" but throws InvalidOperationException when it unescapes it.
        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(SafetensorsBytes.File(header, 4)));

        Assert.StartsWith(Prefix + fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_Throws()
    {
        byte[] header = [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(SafetensorsBytes.File(header, [])));
        Assert.Equal(Prefix + "the header is not valid UTF-8.", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void FileShorterThanThePrefix_Throws(int length)
    {
        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(new byte[length]));
        Assert.Equal(Prefix + $"it is {length} bytes long; a safetensors file starts with an 8-byte header length.", exception.Message);
    }

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(1UL << 63)]
    [InlineData(ulong.MaxValue)]
    public void HeaderLengthOverTheCap_ThrowsBeforeAllocating(ulong length)
    {
        byte[] file = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, length);

        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(file));
        Assert.Equal(Prefix + $"the header length is {length} bytes, more than the 100000000-byte limit.", exception.Message);
    }

    [Fact]
    public void HeaderLengthPastTheEndOfTheFile_Throws()
    {
        byte[] file = SafetensorsBytes.File("{}", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(file, 50);

        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(file));
        Assert.Equal(Prefix + "the header length is 50 bytes, but only 2 bytes follow the 8-byte prefix.", exception.Message);
    }

    [Fact]
    public void TruncatedData_IsCaughtByTheHeaderCheck()
    {
        byte[] file = new SafetensorsWriter().Add("w", new float[16], [4, 4]).ToArray();

        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(file.AsSpan(0, file.Length - 1)));
        Assert.Equal(Prefix + "tensor 'w' has data_offsets [0, 64], past the end of the 63-byte data buffer.", exception.Message);
        Assert.Equal("w", exception.TensorName);
    }

    [Fact]
    public void LongTensorName_IsCutInTheMessage()
    {
        string name = new('n', 1000);

        var exception = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.FromBytes(SafetensorsBytes.File($"{{\"{name}\":0}}", 0)));
        Assert.Equal(Prefix + $"tensor '{new string('n', 160)}… (1000 chars)' is a number; it must be an object with \"dtype\", \"shape\" and \"data_offsets\".", exception.Message);
        Assert.Equal(name, exception.TensorName);
    }

    [Fact]
    public void UnknownFieldsOfATensor_AreIgnored_AsByTheReferenceImplementation()
    {
        string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"note\":{\"x\":1}}}";

        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File(header, SafetensorsBytes.Singles(2f)));
        Assert.Equal([2f], file.ReadSingles("a"));
    }

    [Fact]
    public void NullMetadata_MeansNone()
    {
        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File(Encoding.UTF8.GetString("{\"__metadata__\":null}"u8), 0));
        Assert.Empty(file.Metadata);
    }
}
