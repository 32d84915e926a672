using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// The weights of an ONNX model (a <c>.onnx</c> file: a protobuf <c>ModelProto</c>): the main graph's
/// initializers, and its nodes — enough to give each weight its PyTorch name (<see cref="ToStateDict"/>).
/// Opening checks every protobuf tag, varint, length and count before it is used, and every
/// initializer's data type, dimensions and stored data against each other, and throws
/// <see cref="OnnxFormatException"/> naming the message, the problem and the byte. Initializers whose
/// data lives in an external file are refused with a clear message. FLOAT, FLOAT16 and BFLOAT16
/// initializers read as float32 (the 16-bit types widen exactly).
/// </summary>
/// <remarks>
/// The whole file is held in memory (protobuf limits a message to 2 GiB). Reads are thread-safe.
/// Subgraphs (the bodies of If and Loop nodes) and sparse initializers are not read.
/// </remarks>
/// <example>
/// <code>
/// OnnxFile onnx = OnnxFile.Open("model.onnx");
/// using SafetensorsFile weights = onnx.ToStateDict();        // PyTorch names, [out, in] Linear weights
/// query.LoadParameters(weights, "encoder.layer.0.attention.self.query");
/// </code>
/// </example>
public sealed class OnnxFile
{
    /// <summary>The largest file accepted, in bytes: protobuf's 2 GiB limit on one message.</summary>
    public const long MaxFileLength = int.MaxValue;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Dictionary<string, OnnxInitializer> _byName;

    private OnnxFile(ReadOnlyMemory<byte> bytes, string description)
    {
        _bytes = bytes;
        Description = description;
        OnnxModel model = OnnxModelParser.Parse(bytes.Span, description);
        IrVersion = model.IrVersion;
        ProducerName = model.ProducerName;
        ProducerVersion = model.ProducerVersion;
        OpsetImports = model.OpsetImports;
        Initializers = model.Initializers.AsReadOnly();
        Nodes = model.Nodes.AsReadOnly();
        _byName = model.Initializers.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    /// <summary>The ONNX IR version the file was written with.</summary>
    public long IrVersion { get; }

    /// <summary>The tool that wrote the file (for example <c>pytorch</c>); empty when not recorded.</summary>
    public string ProducerName { get; }

    /// <summary>The version of <see cref="ProducerName"/>; empty when not recorded.</summary>
    public string ProducerVersion { get; }

    /// <summary>The operator sets the graph uses: domain (empty for ONNX's own) and version.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> OpsetImports { get; }

    /// <summary>The main graph's initializers, in file order.</summary>
    public IReadOnlyList<OnnxInitializer> Initializers { get; }

    /// <summary>The main graph's nodes, in file order (topological in a valid model).</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The file, for messages: <c>file 'model.onnx'</c> or <c>data</c>.</summary>
    internal string Description { get; }

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxFormatException">The file is not a valid ONNX model, or is larger than <see cref="MaxFileLength"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OnnxFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string description = $"file '{path}'";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (stream.Length > MaxFileLength)
        {
            throw new OnnxFormatException(
                $"{OnnxWireReader.Prefix(description)}it is {stream.Length} bytes; an ONNX file holds at most {MaxFileLength} (protobuf's 2 GiB limit; larger models keep their weights in external data, which KernelGen does not read).");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return new OnnxFile(bytes, description);
    }

    /// <summary>Reads a whole ONNX file from <paramref name="stream"/> into memory and checks it.</summary>
    /// <remarks>Memory grows with the bytes the stream actually holds, never with a length the file claims.</remarks>
    /// <exception cref="OnnxFormatException">The bytes are not a valid ONNX model.</exception>
    public static OnnxFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FromMemory(copy.GetBuffer().AsMemory(0, (int)copy.Length));
    }

    /// <summary>Checks a copy of <paramref name="bytes"/> as an ONNX file.</summary>
    /// <exception cref="OnnxFormatException">The bytes are not a valid ONNX model.</exception>
    public static OnnxFile FromBytes(ReadOnlySpan<byte> bytes) => FromMemory(bytes.ToArray());

    /// <summary>Checks <paramref name="bytes"/> as an ONNX file, without copying them: they must not change while the file is used.</summary>
    /// <exception cref="OnnxFormatException">The bytes are not a valid ONNX model.</exception>
    public static OnnxFile FromMemory(ReadOnlyMemory<byte> bytes) => new(bytes, "data");

    /// <summary>Whether the graph has an initializer called <paramref name="name"/>.</summary>
    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.ContainsKey(name);
    }

    /// <summary>Looks up an initializer by name.</summary>
    public bool TryGetInitializer(string name, [NotNullWhen(true)] out OnnxInitializer? initializer)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out initializer);
    }

    /// <summary>The initializer called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The graph has no such initializer.</exception>
    public OnnxInitializer GetInitializer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out OnnxInitializer? initializer)
            ? initializer
            : throw new KeyNotFoundException($"The ONNX {Description} has no initializer {OnnxModelParser.Quote(name)}; it has {_byName.Count}.");
    }

    /// <summary>Reads initializer <paramref name="name"/> as float32 values, row-major.</summary>
    /// <exception cref="KeyNotFoundException">The graph has no such initializer.</exception>
    /// <exception cref="NotSupportedException">Its data type is not FLOAT, FLOAT16 or BFLOAT16, or it holds more values than an array can.</exception>
    public float[] ReadSingles(string name) => ReadSingles(GetInitializer(name));

    /// <summary>
    /// The initializers as a PyTorch state dict, in memory: every FLOAT, FLOAT16 and BFLOAT16 initializer
    /// under its own name (as float32), and each weight that an exporter renamed and transposed — the
    /// second input of a <c>MatMul</c> whose product goes into an <c>Add</c> with an initializer
    /// <c>{prefix}.bias</c>, or a <c>Gemm</c>'s weight beside such a bias — as <c>{prefix}.weight</c> in
    /// PyTorch's <c>[out, in]</c> layout, in place of its generated name. Layers load from it by their
    /// PyTorch names (<c>layer.LoadParameters(stateDict, "encoder.layer.0.output.dense")</c>).
    /// </summary>
    /// <remarks>An initializer that already has the PyTorch name keeps it. Integer initializers are left out.</remarks>
    /// <exception cref="OnnxFormatException">Two different weights would take the same PyTorch name.</exception>
    /// <exception cref="NotSupportedException">A float initializer is too large for one array.</exception>
    public SafetensorsFile ToStateDict() => OnnxStateDict.Build(this);

    internal float[] ReadSingles(OnnxInitializer initializer)
    {
        if (!OnnxDataTypes.IsFloat32Convertible(initializer.DataType))
        {
            throw new NotSupportedException(
                $"Initializer {OnnxModelParser.Quote(initializer.Name)} has data type {initializer.DataType}; KernelGen reads FLOAT, FLOAT16 and BFLOAT16 initializers as float32.");
        }

        if (initializer.ElementCount > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"Initializer {OnnxModelParser.Quote(initializer.Name)} has {initializer.ElementCount} elements; one .NET array holds at most {Array.MaxLength}.");
        }

        var values = new float[initializer.ElementCount];
        OnnxTensorData data = initializer.Data;
        if (data.FloatData is { } floats)
        {
            floats.CopyTo(values, 0);
        }
        else if (data.Int32Data is { } bits)
        {
            bool half = initializer.DataType == OnnxDataType.FLOAT16;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Widen((ushort)bits[i], half);
            }
        }
        else if (data.IsRaw)
        {
            ReadOnlySpan<byte> raw = _bytes.Span.Slice(data.RawStart, data.RawLength);
            if (initializer.DataType == OnnxDataType.FLOAT)
            {
                raw.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    Span<uint> words = MemoryMarshal.Cast<float, uint>(values.AsSpan());
                    BinaryPrimitives.ReverseEndianness(words, words);
                }
            }
            else
            {
                bool half = initializer.DataType == OnnxDataType.FLOAT16;
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = Widen(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]), half);
                }
            }
        }

        return values;
    }

    private static float Widen(ushort bits, bool half) =>
        half ? ReducedPrecision.HalfBitsToSingle(bits) : ReducedPrecision.BFloat16BitsToSingle(bits);
}
