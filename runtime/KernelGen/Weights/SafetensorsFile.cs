using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// A safetensors file (the format of PyTorch's and Hugging Face's <c>.safetensors</c>): an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON describing each tensor, then the data.
/// Opening checks the whole header — its length against the file and a 100,000,000-byte cap, the
/// JSON, every dtype, shape and offset, and that the tensors cover the data buffer exactly — and
/// throws <see cref="SafetensorsFormatException"/> naming the tensor and the problem; reads after
/// that can never leave the file. Files are memory-mapped; F16 and BF16 widen exactly to float32.
/// </summary>
/// <remarks>
/// Reads are thread-safe. A mapped file must not be changed or truncated while it is open (as with
/// any memory-mapped reader). Dispose the file when done.
/// </remarks>
/// <example>
/// <code>
/// using var weights = SafetensorsFile.Open("model.safetensors");
/// layer.LoadParameters(weights, "encoder.layer.0.output.dense");
/// </code>
/// </example>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>The largest header accepted, in bytes (the reference implementation's limit).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int PrefixLength = 8;
    private const int ConversionChunkElements = 16_384;

    private readonly SafetensorsSource _source;
    private readonly string _description;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;
    private volatile bool _disposed;

    private SafetensorsFile(SafetensorsSource source, string description)
    {
        _source = source;
        _description = description;
        long length = source.Length;
        if (length < PrefixLength)
        {
            throw Fail($"it is {length} bytes long; a safetensors file starts with an 8-byte header length.");
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        source.Read(0, prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
        {
            throw Fail($"the header length is {headerLength} bytes, more than the {MaxHeaderLength}-byte limit.");
        }

        if (headerLength > (ulong)(length - PrefixLength))
        {
            throw Fail($"the header length is {headerLength} bytes, but only {length - PrefixLength} bytes follow the 8-byte prefix.");
        }

        byte[] header = new byte[headerLength];
        source.Read(PrefixLength, header);
        HeaderLength = (long)headerLength;
        DataStart = PrefixLength + HeaderLength;
        DataLength = length - DataStart;

        (List<SafetensorsTensorInfo> tensors, Dictionary<string, string> metadata) =
            SafetensorsHeaderParser.Parse(header, DataLength, description);
        Tensors = tensors.AsReadOnly();
        Metadata = new ReadOnlyDictionary<string, string>(metadata);
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The tensors in the order of their data.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The length of the JSON header in bytes (N).</summary>
    public long HeaderLength { get; }

    /// <summary>The length of the data buffer in bytes.</summary>
    public long DataLength { get; }

    /// <summary>Where the data buffer starts in the file: 8 + <see cref="HeaderLength"/>.</summary>
    public long DataStart { get; }

    /// <summary>Opens and checks the file at <paramref name="path"/>, memory-mapped read-only.</summary>
    /// <exception cref="SafetensorsFormatException">The file is not a valid safetensors file.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static SafetensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafetensorsSource source = MappedSafetensorsSource.Open(path);
        try
        {
            return new SafetensorsFile(source, $"file '{path}'");
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole safetensors file from <paramref name="stream"/> into memory and checks it.</summary>
    /// <remarks>Memory grows with the bytes the stream actually holds, never with what a header claims.</remarks>
    /// <exception cref="SafetensorsFormatException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FromMemory(copy.GetBuffer().AsMemory(0, (int)copy.Length));
    }

    /// <summary>Checks a copy of <paramref name="bytes"/> as a safetensors file.</summary>
    /// <exception cref="SafetensorsFormatException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile FromBytes(ReadOnlySpan<byte> bytes) => FromMemory(bytes.ToArray());

    /// <summary>Checks <paramref name="bytes"/> as a safetensors file, without copying them: they must not change while the file is used.</summary>
    /// <exception cref="SafetensorsFormatException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile FromMemory(ReadOnlyMemory<byte> bytes) =>
        new(new MemorySafetensorsSource(bytes), "data");

    /// <summary>Checks <paramref name="bytes"/> as a safetensors file that messages call <paramref name="description"/> (an ONNX model's state dict).</summary>
    internal static SafetensorsFile FromMemory(ReadOnlyMemory<byte> bytes, string description) =>
        new(new MemorySafetensorsSource(bytes), description);

    /// <summary>Whether the file holds a tensor called <paramref name="name"/>.</summary>
    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.ContainsKey(name);
    }

    /// <summary>Looks up a tensor by name.</summary>
    public bool TryGetTensor(string name, [NotNullWhen(true)] out SafetensorsTensorInfo? info)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out info);
    }

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such tensor (the message lists a few it has).</exception>
    public SafetensorsTensorInfo GetTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out SafetensorsTensorInfo? info))
        {
            return info;
        }

        throw new KeyNotFoundException($"T{DescribeMissing(name)[1..]}.");
    }

    /// <summary>Reads tensor <paramref name="name"/> as float32 values, row-major.</summary>
    /// <exception cref="NotSupportedException">Its dtype is not F32, F16 or BF16, or it holds more values than an array can.</exception>
    public float[] ReadSingles(string name)
    {
        SafetensorsTensorInfo info = GetTensor(name);
        CheckFloat(info);
        if (info.ElementCount > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"Tensor {SafetensorsHeaderParser.Quote(name)} has {info.ElementCount} elements; one .NET array holds at most {Array.MaxLength}.");
        }

        var values = new float[info.ElementCount];
        ReadSingles(info, values);
        return values;
    }

    /// <summary>Reads tensor <paramref name="name"/> as float32 values into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have exactly the tensor's element count.</exception>
    /// <exception cref="NotSupportedException">Its dtype is not F32, F16 or BF16.</exception>
    public void ReadSingles(string name, Span<float> destination)
    {
        SafetensorsTensorInfo info = GetTensor(name);
        CheckFloat(info);
        if (destination.Length != info.ElementCount)
        {
            throw new ArgumentException(
                $"destination has {destination.Length} values; tensor {SafetensorsHeaderParser.Quote(name)} of shape {info.ShapeString} has {info.ElementCount}.",
                nameof(destination));
        }

        ReadSingles(info, destination);
    }

    /// <summary>Reads tensor <paramref name="name"/> as a float32 <see cref="Tensor"/> of its shape.</summary>
    public Tensor ReadTensor(string name)
    {
        float[] values = ReadSingles(name);
        return new Tensor(values, [.. GetTensor(name).Shape]);
    }

    /// <summary>Copies the raw little-endian bytes of tensor <paramref name="name"/>, whatever its dtype.</summary>
    public byte[] ReadBytes(string name)
    {
        SafetensorsTensorInfo info = GetTensor(name);
        if (info.ByteLength > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"Tensor {SafetensorsHeaderParser.Quote(name)} is {info.ByteLength} bytes; one .NET array holds at most {Array.MaxLength}.");
        }

        var bytes = new byte[info.ByteLength];
        ThrowIfDisposed();
        _source.Read(DataStart + info.DataBegin, bytes);
        return bytes;
    }

    /// <summary>Releases the mapping. Safe to call twice; reads afterwards throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _source.Dispose();
    }

    private void ReadSingles(SafetensorsTensorInfo info, Span<float> destination)
    {
        ThrowIfDisposed();
        long offset = DataStart + info.DataBegin;
        if (info.DType == SafetensorsDType.F32)
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(destination);
            for (int done = 0; done < bytes.Length;)
            {
                int chunk = Math.Min(bytes.Length - done, 1 << 30);
                _source.Read(offset + done, bytes.Slice(done, chunk));
                done += chunk;
            }

            if (!BitConverter.IsLittleEndian)
            {
                Span<uint> words = MemoryMarshal.Cast<float, uint>(destination);
                BinaryPrimitives.ReverseEndianness(words, words);
            }

            return;
        }

        bool half = info.DType == SafetensorsDType.F16;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ConversionChunkElements * 2);
        try
        {
            for (int done = 0; done < destination.Length;)
            {
                int count = Math.Min(destination.Length - done, ConversionChunkElements);
                Span<byte> chunk = buffer.AsSpan(0, count * 2);
                _source.Read(offset + ((long)done * 2), chunk);
                Span<float> target = destination.Slice(done, count);
                for (int i = 0; i < count; i++)
                {
                    ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[(i * 2)..]);
                    target[i] = half ? ReducedPrecision.HalfBitsToSingle(bits) : ReducedPrecision.BFloat16BitsToSingle(bits);
                }

                done += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckFloat(SafetensorsTensorInfo info)
    {
        if (!info.DType.IsFloat32Convertible())
        {
            throw new NotSupportedException(
                $"Tensor {SafetensorsHeaderParser.Quote(info.Name)} has dtype {info.DType}; KernelGen reads F32, F16 and BF16 tensors as float32 (ReadBytes gives the raw bytes of any dtype).");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Says that the file lacks <paramref name="name"/> and lists a few of the names it has.</summary>
    internal string DescribeMissing(string name)
    {
        const int Shown = 8;
        string what = $"the safetensors {_description} has no tensor {SafetensorsHeaderParser.Quote(name)}";
        if (_byName.Count == 0)
        {
            return what + "; it holds no tensors";
        }

        string shown = string.Join(", ", Tensors.Take(Shown).Select(t => SafetensorsHeaderParser.Quote(t.Name)));
        return _byName.Count <= Shown ? $"{what}; it holds {shown}" : $"{what}; it holds {_byName.Count} tensors: {shown}, …";
    }

    private SafetensorsFormatException Fail(string message) =>
        new(SafetensorsHeaderParser.Prefix(_description) + message);
}
