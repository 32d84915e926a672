using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using KernelGen.Tests.Onnx;

namespace KernelGen.Fuzzing;

/// <summary>
/// A mutation fuzzer for <see cref="OnnxFile"/>, shared by the bounded xunit test and the long-running console
/// program (tests/KernelGen.OnnxFuzz). Seeded and reproducible: the same seed and iteration count give the same inputs.
/// </summary>
/// <remarks>
/// <para>Each iteration takes an input from the corpus (a few valid models, and every mutant whose outcome was
/// not seen before), applies 1–3 mutations — byte edits (bit flips, sets, inserts, deletes, truncation, appends)
/// and protobuf-aware edits of a field anywhere in the message tree (its varint replaced by a huge, negative or
/// neighbouring value, its length prefix replaced, its tag renumbered or given another wire type, the field
/// duplicated, removed or given another field's payload), with the enclosing lengths rewritten so that the edit
/// reaches the checks behind them — and opens the result.</para>
/// <para>The oracle: opening throws <see cref="OnnxFormatException"/>, or it succeeds, and then an independent
/// decoder of the same bytes (<see cref="ProtoTree"/>) finds the same initializers (names, data types, dims) and
/// nodes, every FLOAT/FLOAT16/BFLOAT16 initializer reads the bits that decoder finds, other types refuse with
/// NotSupportedException, and <see cref="OnnxFile.ToStateDict"/> either throws OnnxFormatException or
/// NotSupportedException or gives tensors that all read back. Anything else is a failure.</para>
/// </remarks>
public sealed partial class OnnxFuzzer
{
    private const int MaxInputLength = 1 << 16;
    private const int MaxCorpus = 512;

    private static readonly ulong[] InterestingValues =
    [
        0, 1, 2, 3, 7, 8, 13, 26, 27, 64, 65, 127, 128, 255, 256, 30522, int.MaxValue, (ulong)int.MaxValue + 1, uint.MaxValue,
        (ulong)uint.MaxValue + 1, long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue, ulong.MaxValue - 1, unchecked((ulong)-2L),
    ];

    private readonly Random _random;
    private readonly List<byte[]> _corpus;
    private readonly HashSet<string> _signatures = new(StringComparer.Ordinal);
    private long _checkStarted;

    /// <summary>Creates a fuzzer whose inputs are a function of <paramref name="seed"/> alone.</summary>
    public OnnxFuzzer(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        _corpus = [.. SeedFiles()];
    }

    public int Seed { get; }

    public long Iterations { get; private set; }

    /// <summary>Iterations by outcome.</summary>
    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct rejection messages with numbers and quoted names generalized, with their counts.</summary>
    public Dictionary<string, long> Messages { get; } = new(StringComparer.Ordinal);

    public (double Milliseconds, int InputLength) Slowest { get; private set; }

    public byte[] SlowestInput { get; private set; } = [];

    public int CorpusSize => _corpus.Count;

    public byte[]? CurrentInput { get; private set; }

    public TimeSpan CurrentElapsed
    {
        get
        {
            long started = Interlocked.Read(ref _checkStarted);
            return started == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>The valid models the corpus starts from.</summary>
    public static IReadOnlyList<byte[]> SeedFiles()
    {
        float[] special = [1.5f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-45f];
        byte[] halves = [0x00, 0x3C, 0x01, 0x80, 0x00, 0x7C, 0xFF, 0x7B];
        var unpacked = OnnxBuilder.Header("unpacked", OnnxDataType.FLOAT, []);
        unpacked.Fixed32(4, BitConverter.SingleToUInt32Bits(2.5f));
        var unpackedDims = new ProtoWriter().Int64(1, 2).Int64(1, 3).Int64(2, 1).String(8, "dims").PackedFloats(4, special);
        ProtoWriter gemm = OnnxBuilder.Node("Gemm", ["x", "g", "pooler.bias"], ["y"], "Gemm_1", ("transB", 1)).Message(5, OnnxBuilder.FloatAttribute("beta", 1f));
        byte[] mixed = OnnxBuilder.Model(OnnxBuilder.Graph(
            [gemm, OnnxBuilder.Node("MatMul", ["y", "w"], ["z"]), OnnxBuilder.Node("Add", ["z", "out.bias"], ["o"])],
            [
                OnnxBuilder.Floats("g", [2, 3], special),
                OnnxBuilder.Floats("pooler.bias", [2], [1f, 2f]),
                OnnxBuilder.Tensor("w", OnnxDataType.FLOAT16, [2, 2], halves),
                OnnxBuilder.Header("out.bias", OnnxDataType.BFLOAT16, [2]).PackedVarints(5, [0x3F80, 0xC000]),
                unpacked,
                unpackedDims,
                OnnxBuilder.Tensor("ids", OnnxDataType.INT64, [1, 2], new byte[16]),
                OnnxBuilder.Header("typed", OnnxDataType.INT64, [2]).PackedVarints(7, [5, -1]),
                OnnxBuilder.Header("s", OnnxDataType.STRING, [1]).String(6, "text"),
                OnnxBuilder.Header("empty", OnnxDataType.FLOAT, [0, 3]),
            ]));
        byte[] unknownFields = new ProtoWriter()
            .Int64(1, 8).String(6, "doc").Int64(5, 3)
            .Message(8, new ProtoWriter().String(1, "ai.onnx.ml").Int64(2, 3))
            .Message(7, OnnxBuilder.Graph([OnnxBuilder.Node("Relu", ["a"], ["b"]).String(6, "doc")], [OnnxBuilder.Floats("a", [1], [3f]).Int64(99, 1)]).String(10, "doc"))
            .Message(14, new ProtoWriter().String(1, "k").String(2, "v"))
            .ToArray();
        return
        [
            OnnxBuilder.LinearExport([1, 2, 3, 4, 5, 6], [0.5f, -0.5f], 3, 2),
            mixed,
            unknownFields,
            OnnxBuilder.Model(OnnxBuilder.Graph([], [])),
        ];
    }

    /// <summary>Runs until <paramref name="duration"/> has passed or <paramref name="maxIterations"/> have run.</summary>
    public void Run(TimeSpan duration, long maxIterations = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (Iterations < maxIterations && clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            for (int i = 0; i < 64 && Iterations < maxIterations; i++)
            {
                byte[] input = Mutate(_corpus[_random.Next(_corpus.Count)]);
                string signature = Check(input);
                if (_signatures.Add(signature) && _corpus.Count < MaxCorpus)
                {
                    _corpus.Add(input);
                }
            }
        }
    }

    /// <summary>Runs on a background thread; a single check longer than <paramref name="checkLimit"/> is reported as a hang.</summary>
    public void RunWatched(TimeSpan duration, TimeSpan checkLimit, long maxIterations = long.MaxValue)
    {
        Exception? failure = null;
        using var stop = new CancellationTokenSource();
        var worker = new Thread(() =>
        {
            try
            {
                Run(duration, maxIterations, stop.Token);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })
        { IsBackground = true, Name = "onnx fuzz" };
        worker.Start();
        while (!worker.Join(50))
        {
            if (CurrentElapsed > checkLimit)
            {
                stop.Cancel();
                throw new FuzzFailureException($"seed {Seed}, iteration {Iterations}: one check ran longer than {checkLimit.TotalSeconds} s", CurrentInput ?? [], null);
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Opens <paramref name="input"/> and checks the oracle; returns the outcome's signature.</summary>
    public string Check(byte[] input)
    {
        Iterations++;
        CurrentInput = input;
        long started = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _checkStarted, started);
        try
        {
            return CheckCore(input);
        }
        catch (FuzzFailureException)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new FuzzFailureException($"seed {Seed}, iteration {Iterations}: {exception.GetType().Name} escaped: {exception.Message}", input, exception);
        }
        finally
        {
            Interlocked.Exchange(ref _checkStarted, 0);
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (milliseconds > Slowest.Milliseconds)
            {
                Slowest = (milliseconds, input.Length);
                SlowestInput = input;
            }
        }
    }

    private string CheckCore(byte[] input)
    {
        OnnxFile file;
        try
        {
            file = OnnxFile.FromMemory(input);
        }
        catch (OnnxFormatException exception)
        {
            string message = Generalize(exception.Message);
            Messages[message] = Messages.GetValueOrDefault(message) + 1;
            Count("rejected (OnnxFormatException)");
            return "rejected: " + message;
        }

        Count("accepted");
        return "accepted: " + CheckAccepted(file, input);
    }

    private string CheckAccepted(OnnxFile file, byte[] input)
    {
        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new FuzzFailureException($"seed {Seed}, iteration {Iterations}: accepted a file where {what}", input, null);
            }
        }

        // The independent decoder: the last graph's initializers and nodes as the bytes hold them.
        List<ProtoTree.Field>? model = ProtoTree.TryParse(input, 0);
        Require(model is not null, "the independent decoder cannot parse it as protobuf");
        ProtoTree.Field graph = model!.Last(f => f.Number == 7 && f.Wire == 2);
        List<ProtoTree.Field> graphFields = ProtoTree.TryParse(graph.Payload, 0) ?? [];
        List<ProtoTree.Field> tensors = [.. graphFields.Where(f => f.Number == 5 && f.Wire == 2)];
        Require(tensors.Count == file.Initializers.Count, $"{file.Initializers.Count} initializers were read, but the bytes hold {tensors.Count}");
        Require(graphFields.Count(f => f.Number == 1 && f.Wire == 2) == file.Nodes.Count, "the node count differs from the bytes");
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tensors.Count; i++)
        {
            OnnxInitializer initializer = file.Initializers[i];
            ExpectedTensor expected = ExpectedTensor.Decode(tensors[i].Payload);
            Require(initializer.Name == expected.Name, $"initializer {i} is named '{initializer.Name}', the bytes say '{expected.Name}'");
            Require((long)initializer.DataType == expected.DataType, $"initializer '{initializer.Name}' has type {initializer.DataType}, the bytes say {expected.DataType}");
            Require(initializer.Dims.SequenceEqual(expected.Dims), $"initializer '{initializer.Name}' has dims {initializer.DimsString}, the bytes say [{string.Join(", ", expected.Dims)}]");
            long count = 1;
            foreach (long extent in expected.Dims)
            {
                Require(extent >= 0, $"initializer '{initializer.Name}' has a negative dim");
                count = checked(count * extent);
            }

            Require(initializer.ElementCount == count, $"initializer '{initializer.Name}' has ElementCount {initializer.ElementCount}, not the product of its dims");
            kinds.Add(initializer.DataType.ToString());
            if (initializer.DataType is OnnxDataType.FLOAT or OnnxDataType.FLOAT16 or OnnxDataType.BFLOAT16)
            {
                float[] values = file.ReadSingles(initializer.Name);
                float[]? decoded = expected.Floats((OnnxDataType)expected.DataType, count);
                Require(decoded is not null, $"initializer '{initializer.Name}' was accepted, but its stored values do not hold {count} elements");
                Require(values.Select(BitConverter.SingleToUInt32Bits).SequenceEqual(decoded!.Select(BitConverter.SingleToUInt32Bits)), $"initializer '{initializer.Name}' reads different bits from the independent decoder");
                Count("accepted: float initializer read and checked");
            }
            else
            {
                try
                {
                    file.ReadSingles(initializer.Name);
                    Require(false, $"initializer '{initializer.Name}' of type {initializer.DataType} was read as float32");
                }
                catch (NotSupportedException)
                {
                    Count("accepted: other type refused as float32 (NotSupportedException)");
                }
            }
        }

        try
        {
            using SafetensorsFile state = file.ToStateDict();
            foreach (SafetensorsTensorInfo tensor in state.Tensors)
            {
                Require(state.ReadSingles(tensor.Name).Length == tensor.ElementCount, $"state dict tensor '{tensor.Name}' reads the wrong count");
            }

            Count("accepted: state dict built and read");
        }
        catch (OnnxFormatException)
        {
            Count("accepted: state dict refused (OnnxFormatException)");
        }
        catch (NotSupportedException)
        {
            Count("accepted: state dict refused (NotSupportedException)");
        }

        return $"{file.Initializers.Count switch { 0 => "0", 1 => "1", < 4 => "2-3", _ => "4+" }} initializers: {string.Join(",", kinds)}; {file.Nodes.Count switch { 0 => "0", < 3 => "1-2", _ => "3+" }} nodes";
    }

    private void Count(string outcome) => Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;

    /// <summary>A message with numbers as '#' and quoted names as '…', so that one check gives one message.</summary>
    public static string Generalize(string message)
    {
        string generalized = QuotedRegex().Replace(message, "'…'");
        generalized = PrefixRegex().Replace(generalized, string.Empty);
        generalized = IndexRegex().Replace(generalized, "[#]");
        return NumberRegex().Replace(generalized, "#");
    }

    private byte[] Mutate(byte[] original)
    {
        byte[] input = original;
        int rounds = 1 + _random.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            input = _random.Next(3) == 0 ? MutateBytes(input) : MutateTree(input);
        }

        return input.Length <= MaxInputLength ? input : input[..MaxInputLength];
    }

    private byte[] MutateBytes(byte[] input)
    {
        byte[] copy = (byte[])input.Clone();
        switch (_random.Next(6))
        {
            case 0 when copy.Length > 0:
                for (int i = 1 + _random.Next(4); i > 0; i--)
                {
                    copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
                }

                return copy;
            case 1 when copy.Length > 0:
                ReadOnlySpan<byte> interesting = [0x00, 0x01, 0x02, 0x05, 0x07, 0x08, 0x0A, 0x10, 0x12, 0x1A, 0x22, 0x2A, 0x3A, 0x42, 0x4A, 0x7F, 0x80, 0xFF];
                copy[_random.Next(copy.Length)] = interesting[_random.Next(interesting.Length)];
                return copy;
            case 2:
            {
                int at = _random.Next(copy.Length + 1);
                return [.. copy.AsSpan(0, at), .. RandomBytes(1 + _random.Next(8)), .. copy.AsSpan(at)];
            }

            case 3 when copy.Length > 0:
            {
                int at = _random.Next(copy.Length);
                int count = Math.Min(copy.Length - at, 1 + _random.Next(8));
                return [.. copy.AsSpan(0, at), .. copy.AsSpan(at + count)];
            }

            case 4 when copy.Length > 0:
                return copy[.._random.Next(copy.Length)];
            default:
                return [.. copy, .. RandomBytes(1 + _random.Next(16))];
        }
    }

    /// <summary>Edits one field somewhere in the message tree, then writes the tree again with every enclosing length recomputed.</summary>
    private byte[] MutateTree(byte[] input)
    {
        List<ProtoTree.Field>? root = ProtoTree.TryParse(input, 0);
        if (root is null || root.Count == 0)
        {
            return MutateBytes(input);
        }

        var all = new List<(List<ProtoTree.Field> Parent, int Index)>();
        ProtoTree.Collect(root, all);
        (List<ProtoTree.Field> parent, int index) = all[_random.Next(all.Count)];
        ProtoTree.Field field = parent[index];
        switch (_random.Next(8))
        {
            case 0 when field.Wire == 0:
                parent[index] = field with { Varint = Interesting(field.Varint), Encoded = null };
                break;
            case 1 when field.Wire == 2:
                parent[index] = field with { LengthOverride = _random.Next(2) == 0 ? InterestingValues[_random.Next(InterestingValues.Length)] : (ulong)Math.Max(0, field.Payload.Length + _random.Next(-2, 3)), Encoded = null };
                break;
            case 2:
                parent.Insert(index + 1, field);
                break;
            case 3:
                parent.RemoveAt(index);
                break;
            case 4:
                parent[index] = field with { Number = _random.Next(3) == 0 ? _random.Next(0, 32) : Math.Max(1, field.Number + _random.Next(-1, 2)), Encoded = null };
                break;
            case 5:
                parent[index] = field with { Wire = _random.Next(8), Encoded = null };
                break;
            case 6 when field.Wire == 2:
            {
                (List<ProtoTree.Field> otherParent, int otherIndex) = all[_random.Next(all.Count)];
                ProtoTree.Field other = otherParent[otherIndex];
                // Bytes, never the other field's child list: the other field may be an ancestor, and a list inside itself has no end.
                byte[] payload = other.Wire == 2 ? other.Payload : RandomBytes(_random.Next(12));
                parent[index] = field with { Payload = payload, Children = ProtoTree.TryParse(payload, 1), Encoded = null };
                break;
            }

            default:
                if (field.Wire == 0)
                {
                    parent[index] = field with { Varint = field.Varint + (ulong)(long)_random.Next(-3, 4), Encoded = null };
                }
                else
                {
                    parent.Insert(_random.Next(parent.Count + 1), field);
                }

                break;
        }

        return ProtoTree.Write(root);
    }

    private ulong Interesting(ulong current) => _random.Next(4) switch
    {
        0 => current + (ulong)(long)_random.Next(-2, 3),
        1 => (ulong)_random.NextInt64(),
        _ => InterestingValues[_random.Next(InterestingValues.Length)],
    };

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex("'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex("^Invalid ONNX (file '[^']*'|data): ")]
    private static partial Regex PrefixRegex();

    [GeneratedRegex("\\[[0-9]+\\]")]
    private static partial Regex IndexRegex();

    [GeneratedRegex("(?<![A-Za-z_])-?[0-9]+(?![0-9A-Za-z_])")]
    private static partial Regex NumberRegex();

    /// <summary>What the independent decoder finds in a TensorProto: protobuf's rules (the last scalar wins, repeated fields concatenate, packed or not).</summary>
    private sealed record ExpectedTensor(string Name, long DataType, List<long> Dims, byte[]? Raw, List<uint> FloatBits, List<long> Int32s)
    {
        public static ExpectedTensor Decode(byte[] payload)
        {
            string name = string.Empty;
            long type = 0;
            var dims = new List<long>();
            byte[]? raw = null;
            var floats = new List<uint>();
            var ints = new List<long>();
            foreach (ProtoTree.Field field in ProtoTree.TryParse(payload, 0) ?? [])
            {
                switch (field.Number, field.Wire)
                {
                    case (1, 0): dims.Add((long)field.Varint); break;
                    case (1, 2): dims.AddRange(ProtoTree.PackedVarints(field.Payload).Select(v => (long)v)); break;
                    case (2, 0): type = (long)field.Varint; break;
                    case (8, 2): name = Encoding.UTF8.GetString(field.Payload); break;
                    case (9, 2): raw = field.Payload; break;
                    case (4, 5): floats.Add(BinaryPrimitives.ReadUInt32LittleEndian(field.Fixed)); break;
                    case (4, 2): floats.AddRange(MemoryMarshal.Cast<byte, uint>(field.Payload).ToArray()); break;
                    case (5, 0): ints.Add((long)field.Varint); break;
                    case (5, 2): ints.AddRange(ProtoTree.PackedVarints(field.Payload).Select(v => (long)v)); break;
                    default: break;
                }
            }

            return new ExpectedTensor(name, type, dims, raw, floats, ints);
        }

        /// <summary>The values as float32, or null when the stored values are not exactly <paramref name="count"/>.</summary>
        public float[]? Floats(OnnxDataType type, long count)
        {
            if (Raw is { } raw)
            {
                int size = type == OnnxDataType.FLOAT ? 4 : 2;
                if (raw.Length != count * size)
                {
                    return null;
                }

                return [.. Enumerable.Range(0, (int)count).Select(i => size == 4
                    ? BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))
                    : Widen(BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(i * 2)), type))];
            }

            if (type == OnnxDataType.FLOAT)
            {
                return FloatBits.Count == count ? [.. FloatBits.Select(BitConverter.UInt32BitsToSingle)] : null;
            }

            return Int32s.Count == count && Int32s.All(v => v is >= 0 and <= ushort.MaxValue) ? [.. Int32s.Select(v => Widen((ushort)v, type))] : null;
        }

        private static float Widen(ushort bits, OnnxDataType type)
        {
            if (type == OnnxDataType.BFLOAT16)
            {
                return BitConverter.UInt32BitsToSingle((uint)bits << 16);
            }

            Half half = BitConverter.UInt16BitsToHalf(bits);
            return Half.IsNaN(half) ? BitConverter.UInt32BitsToSingle(((uint)(bits & 0x8000) << 16) | 0x7F80_0000 | ((uint)(bits & 0x3FF) << 13)) : (float)half;
        }
    }
}

/// <summary>
/// A lenient protobuf tree for the fuzzer: every field with its tag, and length-delimited payloads that parse
/// completely as messages kept as children too. Unchanged fields write back their original bytes.
/// </summary>
internal static class ProtoTree
{
    private const int MaxDepth = 6;

    internal sealed record Field(int Number, int Wire, ulong Varint, byte[] Fixed, byte[] Payload, List<Field>? Children, ulong? LengthOverride, byte[]? Encoded);

    /// <summary>The fields of <paramref name="bytes"/>, or null when they are not a complete protobuf message.</summary>
    public static List<Field>? TryParse(byte[] bytes, int depth)
    {
        var fields = new List<Field>();
        int position = 0;
        while (position < bytes.Length)
        {
            int start = position;
            if (!TryVarint(bytes, ref position, out ulong tag) || tag > uint.MaxValue || tag >> 3 == 0)
            {
                return null;
            }

            int number = (int)(tag >> 3), wire = (int)(tag & 7);
            ulong varint = 0;
            byte[] fixedBytes = [], payload = [];
            List<Field>? children = null;
            switch (wire)
            {
                case 0:
                    if (!TryVarint(bytes, ref position, out varint))
                    {
                        return null;
                    }

                    break;
                case 1 or 5:
                    int size = wire == 1 ? 8 : 4;
                    if (bytes.Length - position < size)
                    {
                        return null;
                    }

                    fixedBytes = bytes[position..(position + size)];
                    position += size;
                    break;
                case 2:
                    if (!TryVarint(bytes, ref position, out ulong length) || length > (ulong)(bytes.Length - position))
                    {
                        return null;
                    }

                    payload = bytes[position..(position + (int)length)];
                    position += (int)length;
                    children = depth < MaxDepth && payload.Length > 0 ? TryParse(payload, depth + 1) : null;
                    break;
                default:
                    return null;
            }

            fields.Add(new Field(number, wire, varint, fixedBytes, payload, children, null, bytes[start..position]));
        }

        return fields;
    }

    /// <summary>Every field of the tree with the list that holds it.</summary>
    public static void Collect(List<Field> fields, List<(List<Field>, int)> all)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            all.Add((fields, i));
            if (fields[i].Children is { } children)
            {
                Collect(children, all);
            }
        }
    }

    /// <summary>Writes the tree; a field whose children changed gets its length recomputed.</summary>
    public static byte[] Write(List<Field> fields)
    {
        using var stream = new MemoryStream();
        foreach (Field field in fields)
        {
            byte[]? children = field.Children is { } list ? Write(list) : null;
            if (field.Encoded is { } encoded && (children is null || children.AsSpan().SequenceEqual(field.Payload)))
            {
                stream.Write(encoded);
                continue;
            }

            WriteVarint(stream, ((ulong)(uint)field.Number << 3) | (uint)(field.Wire & 7));
            switch (field.Wire)
            {
                case 0: WriteVarint(stream, field.Varint); break;
                case 1 or 5: stream.Write(field.Fixed.Length > 0 ? field.Fixed : new byte[field.Wire == 1 ? 8 : 4]); break;
                case 2:
                {
                    byte[] payload = children ?? field.Payload;
                    WriteVarint(stream, field.LengthOverride ?? (ulong)payload.Length);
                    stream.Write(payload);
                    break;
                }

                default: stream.Write(field.Payload); break; // a group or an invalid wire type: whatever bytes follow
            }
        }

        return stream.ToArray();
    }

    public static IEnumerable<ulong> PackedVarints(byte[] payload)
    {
        var values = new List<ulong>();
        int position = 0;
        while (position < payload.Length && TryVarint(payload, ref position, out ulong value))
        {
            values.Add(value);
        }

        return values;
    }

    private static bool TryVarint(byte[] bytes, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (position >= bytes.Length)
            {
                return false;
            }

            byte next = bytes[position++];
            if (shift == 63 && next > 1)
            {
                return false;
            }

            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        do
        {
            byte next = (byte)(value & 0x7F);
            value >>= 7;
            stream.WriteByte(value == 0 ? next : (byte)(next | 0x80));
        }
        while (value != 0);
    }
}
