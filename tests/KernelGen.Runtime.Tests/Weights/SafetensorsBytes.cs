using System;
using System.Buffers.Binary;
using System.Text;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>Safetensors files assembled byte by byte, independently of <see cref="SafetensorsWriter"/>.</summary>
internal static class SafetensorsBytes
{
    /// <summary>The 8-byte little-endian length of <paramref name="header"/>, the header, then <paramref name="data"/>.</summary>
    public static byte[] File(string header, byte[] data) => File(Encoding.UTF8.GetBytes(header), data);

    public static byte[] File(byte[] header, byte[] data)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    /// <summary>A file with a header and <paramref name="dataLength"/> zero bytes of data.</summary>
    public static byte[] File(string header, int dataLength) => File(header, new byte[dataLength]);

    /// <summary>Little-endian float32 bytes.</summary>
    public static byte[] Singles(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    /// <summary>Little-endian 16-bit words.</summary>
    public static byte[] Words(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    public static byte[] Concat(params byte[][] parts)
    {
        int length = 0;
        foreach (byte[] part in parts)
        {
            length += part.Length;
        }

        var all = new byte[length];
        int at = 0;
        foreach (byte[] part in parts)
        {
            part.CopyTo(all, at);
            at += part.Length;
        }

        return all;
    }
}
