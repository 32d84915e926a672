using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using Xunit;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>I64 tensors (token ids, attention masks) in the safetensors writer.</summary>
public sealed class SafetensorsWriterInt64Tests
{
    [Fact]
    public void Int64_values_are_written_little_endian_as_I64_before_the_4_byte_types()
    {
        long[] ids = [101, 7592, 2088, 102, 0, long.MinValue, long.MaxValue, -1];
        byte[] bytes = new SafetensorsWriter()
            .Add("embeddings", [1f, 2f], [1, 2])
            .Add("input_ids", ids, [2, 4])
            .ToArray();

        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(
            "{\"input_ids\":{\"dtype\":\"I64\",\"shape\":[2,4],\"data_offsets\":[0,64]}," +
            "\"embeddings\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[64,72]}}",
            Encoding.UTF8.GetString(bytes, 8, (int)headerLength).TrimEnd(' '));

        using SafetensorsFile file = SafetensorsFile.FromBytes(bytes);
        SafetensorsTensorInfo info = file.GetTensor("input_ids");
        Assert.Equal(SafetensorsDType.I64, info.DType);
        Assert.Equal([2, 4], info.Shape);
        byte[] raw = file.ReadBytes("input_ids");
        Assert.Equal(ids, Enumerable.Range(0, ids.Length).Select(i => BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i * 8))));
        Assert.Throws<NotSupportedException>(() => file.ReadSingles("input_ids"));
    }

    [Fact]
    public void Int64_tensors_get_the_same_argument_checks()
    {
        var writer = new SafetensorsWriter().Add("a", [1L], [1]);

        Assert.Equal("A tensor named 'a' was already added. (Parameter 'name')", Assert.Throws<ArgumentException>(() => writer.Add("a", [2L], [1])).Message);
        Assert.Equal("'b' has 3 values, but shape [2] holds 2. (Parameter 'values')", Assert.Throws<ArgumentException>(() => writer.Add("b", [1L, 2L, 3L], [2])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add("c", [1L], [-1]));
        Assert.Throws<ArgumentException>(() => writer.Add("__metadata__", [1L], [1]));
    }
}
