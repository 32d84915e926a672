using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace KernelGen;

/// <summary>The protobuf wire types (the low 3 bits of a tag).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Reads one protobuf message, <c>[start, end)</c> of the file's bytes, field by field. Every varint is
/// at most 10 bytes and must end inside the message; every length is checked against the bytes left in
/// the message before it is used; errors name the message (<see cref="Where"/>) and the byte offset.
/// </summary>
internal ref struct OnnxWireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _file;
    private readonly int _end;
    private int _position;

    /// <summary>Reads the message in <c>[start, end)</c> of <paramref name="file"/>.</summary>
    /// <param name="file">The whole file, so that offsets in messages are file offsets.</param>
    /// <param name="start">The message's first byte.</param>
    /// <param name="end">One past its last byte.</param>
    /// <param name="source">The file, for messages: <c>file 'model.onnx'</c> or <c>data</c>.</param>
    /// <param name="where">The message, for messages: <c>graph.node[3]</c>.</param>
    public OnnxWireReader(ReadOnlySpan<byte> file, int start, int end, string source, string where)
    {
        _file = file;
        _position = start;
        _end = end;
        Source = source;
        Where = where;
    }

    /// <summary>The file, for messages.</summary>
    public string Source { get; }

    /// <summary>The message being read, for messages.</summary>
    public string Where { get; }

    /// <summary>The offset of the next byte in the file.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next tag; <see langword="false"/> at the end of the message.</summary>
    public bool TryReadTag(out int field, out WireType wire)
    {
        field = 0;
        wire = WireType.Varint;
        if (_position >= _end)
        {
            return false;
        }

        int at = _position;
        ulong tag = ReadVarint("a field tag");
        if (tag > uint.MaxValue)
        {
            throw Fail(at, $"a field tag is {tag}, more than 32 bits");
        }

        field = (int)(tag >> 3);
        int type = (int)(tag & 7);
        if (field == 0)
        {
            throw Fail(at, "a field has number 0, which protobuf does not allow (this is not a protobuf message here)");
        }

        if (type > (int)WireType.Fixed32)
        {
            throw Fail(at, $"field {field} has wire type {type}, which does not exist (this is not a protobuf message here)");
        }

        wire = (WireType)type;
        return true;
    }

    /// <summary>Reads a varint of at most 10 bytes.</summary>
    public ulong ReadVarint(string what)
    {
        int at = _position;
        ulong result = 0;
        for (int i = 0; i < 10; i++)
        {
            if (_position >= _end)
            {
                throw Fail(at, $"{what} is a varint cut off by the end of the message");
            }

            byte next = _file[_position++];
            if (i == 9 && next > 1)
            {
                throw Fail(at, $"{what} is a varint of more than 64 bits");
            }

            result |= (ulong)(next & 0x7F) << (7 * i);
            if (next < 0x80)
            {
                return result;
            }
        }

        throw Fail(at, $"{what} is a varint of more than 10 bytes");
    }

    /// <summary>Reads an int64 varint (two's complement, as protobuf's <c>int64</c>).</summary>
    public long ReadInt64(string what) => unchecked((long)ReadVarint(what));

    /// <summary>Reads an int32 varint; a value outside the 32-bit range is an error (protobuf would truncate it).</summary>
    public int ReadInt32(string what)
    {
        int at = _position;
        long value = ReadInt64(what);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Fail(at, $"{what} is {value}, outside the 32-bit range of its field");
        }

        return (int)value;
    }

    /// <summary>Reads a length-delimited payload; returns its file offset and length.</summary>
    public (int Start, int Length) ReadLengthDelimited(string what)
    {
        int at = _position;
        ulong length = ReadVarint($"the length of {what}");
        int left = _end - _position;
        if (length > (ulong)left)
        {
            throw Fail(at, $"{what} claims {length} bytes, but only {left} are left in {Where}");
        }

        int start = _position;
        _position += (int)length;
        return (start, (int)length);
    }

    /// <summary>Reads a length-delimited payload as strict UTF-8 text.</summary>
    public string ReadString(string what)
    {
        (int start, int length) = ReadLengthDelimited(what);
        try
        {
            return StrictUtf8.GetString(_file.Slice(start, length));
        }
        catch (DecoderFallbackException)
        {
            throw Fail(start, $"{what} is not valid UTF-8");
        }
    }

    /// <summary>Reads 4 little-endian bytes.</summary>
    public uint ReadFixed32(string what)
    {
        Need(4, what);
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(_file.Slice(_position, 4));
        _position += 4;
        return value;
    }

    /// <summary>Reads 8 little-endian bytes.</summary>
    public ulong ReadFixed64(string what)
    {
        Need(8, what);
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_file.Slice(_position, 8));
        _position += 8;
        return value;
    }

    /// <summary>Skips a field this reader does not need (unknown fields are allowed, as protobuf allows them).</summary>
    public void Skip(int field, WireType wire)
    {
        string what = $"field {field}";
        switch (wire)
        {
            case WireType.Varint: ReadVarint(what); break;
            case WireType.Fixed64: ReadFixed64(what); break;
            case WireType.LengthDelimited: ReadLengthDelimited(what); break;
            case WireType.Fixed32: ReadFixed32(what); break;
            default: throw Fail(_position, $"field {field} uses the group encoding (wire type {(int)wire}), which ONNX never writes");
        }
    }

    /// <summary>Throws unless a known field has the wire type its declaration gives it.</summary>
    public readonly void Expect(string name, int field, WireType wire, WireType expected)
    {
        if (wire != expected)
        {
            throw Fail(_position, $"field {field} ({name}) has wire type {(int)wire} ({wire}); its declaration needs {(int)expected} ({expected})");
        }
    }

    /// <summary>A reader of the embedded message in <c>[start, start + length)</c>.</summary>
    public readonly OnnxWireReader Nested(int start, int length, string where) => new(_file, start, start + length, Source, where);

    /// <summary>An error at file offset <paramref name="at"/> in this message.</summary>
    public readonly OnnxFormatException Fail(int at, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Prefix(Source)}{Where}: {what} (byte {at})."));

    /// <summary>The start of every message about <paramref name="source"/>.</summary>
    public static string Prefix(string source) => $"Invalid ONNX {source}: ";

    private void Need(int bytes, string what)
    {
        if (_end - _position < bytes)
        {
            throw Fail(_position, $"{what} needs {bytes} bytes, but only {_end - _position} are left in {Where}");
        }
    }
}
