using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace KernelGen.Fuzzing;

/// <summary>
/// A mutation fuzzer for <see cref="SafetensorsFile"/>, shared by the bounded xunit test and the
/// long-running console program (tests/KernelGen.SafetensorsFuzz). Seeded and reproducible: the same
/// seed and iteration count give the same inputs.
/// </summary>
/// <remarks>
/// <para>Each iteration takes an input from the corpus (a few valid seed files, and every mutant that
/// produced an outcome not seen before: the outcome stands in for coverage), applies 1–3 mutations —
/// bit flips, byte inserts and deletes, truncation, header-length edits, and JSON-aware edits of the
/// header (numbers replaced by huge, negative or neighbouring values, offsets swapped, dtypes and
/// names replaced, entries duplicated or removed, brackets added) with the header length usually
/// rewritten to match — and parses the result.</para>
/// <para>The oracle: the parse either throws <see cref="SafetensorsFormatException"/> or succeeds,
/// and then the tensors tile the data buffer exactly, every F32/F16/BF16 tensor reads back the bits an
/// independent decoder finds in the file, other dtypes refuse with NotSupportedException, and writing
/// the tensors again and reading them back gives the same bits. Anything else is a failure.</para>
/// </remarks>
public sealed partial class SafetensorsFuzzer
{
    private const int MaxInputLength = 1 << 16;
    private const int MaxCorpus = 512;

    private static readonly string[] InterestingNumbers =
    [
        "0", "1", "-1", "2", "3", "4", "7", "8", "16", "255", "256", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
        "100000000", "100000001", "1e3", "1e400", "-0", "0.0", "1.5", "00", "01",
        "123456789012345678901234567890123456789012345678901234567890",
    ];

    private static readonly string[] InterestingStrings =
    [
        "F32", "F16", "BF16", "F64", "I64", "I32", "U8", "BOOL", "F4", "F6_E2M3", "F8_E4M3", "C64", "f32", "F33", "",
        "__metadata__", "dtype", "shape", "data_offsets", "weight", "bias", "\\u0000", "\\ud800", "é", "\\\"",
    ];

    private static readonly ulong[] InterestingLengths =
    [
        0, 1, 2, 7, 8, 9, 100_000_000, 100_000_001, int.MaxValue, (ulong)int.MaxValue + 1, uint.MaxValue, (ulong)uint.MaxValue + 1,
        long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue,
    ];

    private readonly Random _random;
    private readonly List<byte[]> _corpus;
    private readonly HashSet<string> _signatures = new(StringComparer.Ordinal);
    private long _parseStarted; // Stopwatch timestamp of the parse in progress, 0 when none: read by a watchdog

    /// <summary>Creates a fuzzer whose inputs are a function of <paramref name="seed"/> alone.</summary>
    public SafetensorsFuzzer(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        _corpus = [.. SeedFiles()];
    }

    /// <summary>The seed this run was created with.</summary>
    public int Seed { get; }

    /// <summary>Iterations run.</summary>
    public long Iterations { get; private set; }

    /// <summary>Iterations by outcome: accepted, rejected, and the ways an accepted file was read.</summary>
    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct rejection messages with numbers and quoted names generalized, with their counts.</summary>
    public Dictionary<string, long> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>The longest single parse-and-check, in milliseconds, and the length of its input.</summary>
    public (double Milliseconds, int InputLength) Slowest { get; private set; }

    /// <summary>The input of <see cref="Slowest"/>.</summary>
    public byte[] SlowestInput { get; private set; } = [];

    /// <summary>The corpus size: seeds plus mutants kept for a new outcome.</summary>
    public int CorpusSize => _corpus.Count;

    /// <summary>The input being checked now (for a watchdog's report).</summary>
    public byte[]? CurrentInput { get; private set; }

    /// <summary>How long the check in progress has been running, or zero.</summary>
    public TimeSpan CurrentElapsed
    {
        get
        {
            long started = Interlocked.Read(ref _parseStarted);
            return started == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>The valid files the corpus starts from.</summary>
    public static IReadOnlyList<byte[]> SeedFiles()
    {
        float[] special = [1.5f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-45f, -3.4e38f, 65504f, 1e-7f, 0.1f, -2f, 3f];
        var layer = new SafetensorsWriter()
            .Add("fc.weight", special, [3, 4])
            .Add("fc.bias", [0.5f, -0.25f, 1f], [3])
            .AddMetadata("format", "pt");
        var mixed = new SafetensorsWriter()
            .Add("h", special[..5], [5], SafetensorsDType.F16)
            .Add("b", special[..6], [2, 3], SafetensorsDType.BF16)
            .Add("s", [42f], [])
            .Add("empty", [], [0, 4]);
        var names = new SafetensorsWriter()
            .Add("é/\"quoted\"\n", [1f, 2f], [2], SafetensorsDType.BF16)
            .Add("", [3f], [1])
            .AddMetadata("k\u0001", "v\"");

        // Hand-written: the reference implementation's example (I32), and offsets out of name order without padding.
        byte[] reference = Build("{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", new byte[16]);
        byte[] unordered = Build(
            "{\"z\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]}}",
            [0, 0, 128, 63, 0, 60, 0, 188]);
        return [layer.ToArray(), mixed.ToArray(), names.ToArray(), reference, unordered, new SafetensorsWriter().ToArray()];
    }

    /// <summary>Runs until <paramref name="duration"/> has passed or <paramref name="maxIterations"/> have run.</summary>
    /// <exception cref="FuzzFailureException">An input broke the oracle.</exception>
    public void Run(TimeSpan duration, long maxIterations = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (Iterations < maxIterations && clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            // Check the clock every 64 iterations only; it is not free.
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

    /// <summary>
    /// Runs <see cref="Run"/> on a background thread and watches it: a single check that takes longer
    /// than <paramref name="checkLimit"/> is reported as a hang, with its input.
    /// </summary>
    /// <exception cref="FuzzFailureException">An input broke the oracle or hung.</exception>
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
        { IsBackground = true, Name = "safetensors fuzz" };
        worker.Start();
        while (!worker.Join(50))
        {
            if (CurrentElapsed > checkLimit)
            {
                stop.Cancel();
                byte[] input = CurrentInput ?? [];
                throw new FuzzFailureException($"seed {Seed}, iteration {Iterations}: one check ran longer than {checkLimit.TotalSeconds} s", input, null);
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Parses <paramref name="input"/> and checks the oracle; returns the outcome's signature.</summary>
    /// <exception cref="FuzzFailureException">The input broke the oracle.</exception>
    public string Check(byte[] input)
    {
        Iterations++;
        CurrentInput = input;
        long started = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _parseStarted, started);
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
            throw new FuzzFailureException(
                $"seed {Seed}, iteration {Iterations}: {exception.GetType().Name} escaped: {exception.Message}", input, exception);
        }
        finally
        {
            Interlocked.Exchange(ref _parseStarted, 0);
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
        SafetensorsFile file;
        try
        {
            file = SafetensorsFile.FromMemory(input);
        }
        catch (SafetensorsFormatException exception)
        {
            string message = Generalize(exception.Message);
            Messages[message] = Messages.GetValueOrDefault(message) + 1;
            Count("rejected (SafetensorsFormatException)");
            return "rejected: " + message;
        }

        using (file)
        {
            Count("accepted");
            return "accepted: " + CheckAccepted(file, input);
        }
    }

    private string CheckAccepted(SafetensorsFile file, byte[] input)
    {
        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new FuzzFailureException($"seed {Seed}, iteration {Iterations}: accepted a file where {what}", input, null);
            }
        }

        Require(input.Length >= 8 && input[8] == (byte)'{', "the header does not start with '{'");
        Require((long)BinaryPrimitives.ReadUInt64LittleEndian(input) == file.HeaderLength, "HeaderLength is not the prefix");
        Require(8 + file.HeaderLength + file.DataLength == input.Length, "header and data do not add up to the file");
        long covered = 0;
        foreach (SafetensorsTensorInfo tensor in file.Tensors)
        {
            Require(tensor.DataBegin == covered, $"tensor '{tensor.Name}' does not start where the previous one ended");
            Require(tensor.ByteLength * 8 == tensor.ElementCount * tensor.DType.BitSize(), $"tensor '{tensor.Name}' has the wrong byte length");
            covered = tensor.DataEnd;
        }

        Require(covered == file.DataLength, "the tensors do not cover the data buffer");
        Require(file.Tensors.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() == file.Tensors.Count, "two tensors share a name");

        var rewrite = new SafetensorsWriter();
        var expected = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SafetensorsTensorInfo tensor in file.Tensors)
        {
            kinds.Add(tensor.DType.ToString());
            if (!tensor.DType.IsFloat32Convertible())
            {
                try
                {
                    file.ReadSingles(tensor.Name);
                    Require(false, $"tensor '{tensor.Name}' of dtype {tensor.DType} was read as float32");
                }
                catch (NotSupportedException)
                {
                    Count("accepted: non-float tensor refused as float32 (NotSupportedException)");
                }

                Require(file.ReadBytes(tensor.Name).AsSpan().SequenceEqual(input.AsSpan((int)(file.DataStart + tensor.DataBegin), (int)tensor.ByteLength)), $"ReadBytes of '{tensor.Name}' differs from the file");
                continue;
            }

            float[] values = file.ReadSingles(tensor.Name);
            float[] decoded = Decode(input.AsSpan((int)(file.DataStart + tensor.DataBegin), (int)tensor.ByteLength), tensor.DType);
            Require(SameBits(values, decoded), $"tensor '{tensor.Name}' reads different bits from an independent decoder");
            Require(file.ReadTensor(tensor.Name).Shape.SequenceEqual(tensor.Shape), $"ReadTensor('{tensor.Name}') has another shape");
            rewrite.Add(tensor.Name, values, tensor.Shape.ToArray(), tensor.DType);
            expected.Add(tensor.Name, values);
            Count("accepted: float tensor read and checked");
        }

        foreach (KeyValuePair<string, string> entry in file.Metadata)
        {
            rewrite.AddMetadata(entry.Key, entry.Value);
        }

        using SafetensorsFile again = SafetensorsFile.FromBytes(rewrite.ToArray());
        Require(again.Metadata.Count == file.Metadata.Count && file.Metadata.All(e => again.Metadata.TryGetValue(e.Key, out string? v) && v == e.Value), "metadata did not survive a rewrite");
        foreach (KeyValuePair<string, float[]> entry in expected)
        {
            Require(SameBits(entry.Value, again.ReadSingles(entry.Key)), $"tensor '{entry.Key}' changed bits when written and read again");
            Require(again.GetTensor(entry.Key).DType == file.GetTensor(entry.Key).DType, $"tensor '{entry.Key}' changed dtype when written again");
        }

        Count("accepted: rewritten and read back");
        return $"{file.Tensors.Count switch { 0 => "0", 1 => "1", < 4 => "2-3", _ => "4+" }} tensors: {string.Join(",", kinds)}; metadata {file.Metadata.Count > 0}";
    }

    /// <summary>An independent decoder: .NET's Half for F16 (NaNs compared by payload), shifts for BF16.</summary>
    private static float[] Decode(ReadOnlySpan<byte> bytes, SafetensorsDType dtype)
    {
        int size = dtype == SafetensorsDType.F32 ? 4 : 2;
        var values = new float[bytes.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            if (dtype == SafetensorsDType.F32)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                continue;
            }

            ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);
            if (dtype == SafetensorsDType.BF16)
            {
                values[i] = BitConverter.UInt32BitsToSingle((uint)bits << 16);
            }
            else
            {
                Half half = BitConverter.UInt16BitsToHalf(bits);
                values[i] = Half.IsNaN(half)
                    ? BitConverter.UInt32BitsToSingle(((uint)(bits & 0x8000) << 16) | 0x7F80_0000 | ((uint)(bits & 0x3FF) << 13))
                    : (float)half;
            }
        }

        return values;
    }

    private static bool SameBits(float[] a, float[] b) =>
        a.Select(BitConverter.SingleToUInt32Bits).SequenceEqual(b.Select(BitConverter.SingleToUInt32Bits));

    private void Count(string outcome) => Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;

    /// <summary>A message with numbers as '#' and quoted names as '…', so that one check gives one message.</summary>
    public static string Generalize(string message)
    {
        string generalized = QuotedRegex().Replace(message.Replace("'''", "'…'", StringComparison.Ordinal), "'…'");
        generalized = PathRegex().Replace(generalized, string.Empty);
        generalized = NumberRegex().Replace(generalized, "#");
        generalized = HexRegex().Replace(generalized, "0x##");
        return BracketRegex().Replace(generalized, "[…]");
    }

    private byte[] Mutate(byte[] original)
    {
        byte[] input = original;
        int rounds = 1 + _random.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            input = MutateOnce(input);
        }

        return input.Length <= MaxInputLength ? input : input[..MaxInputLength];
    }

    private byte[] MutateOnce(byte[] input)
    {
        bool hasHeader = TrySplit(input, out string header, out byte[] data);
        int choice = _random.Next(hasHeader ? 16 : 7);
        switch (choice)
        {
            case 0: return FlipBits(input);
            case 1: return SetByte(input);
            case 2: return InsertBytes(input);
            case 3: return DeleteBytes(input);
            case 4: return input.Length == 0 ? input : input[.._random.Next(input.Length)];
            case 5: return [.. input, .. RandomBytes(1 + _random.Next(64))];
            case 6: return SetHeaderLength(input);
            default: break;
        }

        string mutated = choice switch
        {
            7 or 8 => ReplaceNumber(header),
            9 => SwapNumbers(header),
            10 => ReplaceString(header),
            11 => DuplicateEntry(header),
            12 => RemoveEntry(header),
            13 => EditStructure(header),
            14 => header, // data-only edit below
            _ => header + new string(' ', _random.Next(1, 9)),
        };

        if (choice == 14)
        {
            data = _random.Next(2) == 0 && data.Length > 0 ? data[.._random.Next(data.Length)] : [.. data, .. RandomBytes(1 + _random.Next(16))];
        }

        // Usually keep the prefix consistent so that the edit reaches the checks past the length check.
        byte[] rebuilt = Build(mutated, data);
        if (_random.Next(8) == 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(rebuilt, BinaryPrimitives.ReadUInt64LittleEndian(input));
        }

        return rebuilt;
    }

    private static bool TrySplit(byte[] input, out string header, out byte[] data)
    {
        header = string.Empty;
        data = [];
        if (input.Length < 8)
        {
            return false;
        }

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(input);
        if (length > (ulong)(input.Length - 8))
        {
            return false;
        }

        try
        {
            header = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input, 8, (int)length);
        }
        catch (ArgumentException)
        {
            return false;
        }

        data = input[(8 + (int)length)..];
        return true;
    }

    private static byte[] Build(string header, byte[] data)
    {
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + headerBytes.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)headerBytes.Length);
        headerBytes.CopyTo(file, 8);
        data.CopyTo(file, 8 + headerBytes.Length);
        return file;
    }

    private byte[] FlipBits(byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        byte[] copy = (byte[])input.Clone();
        int flips = 1 + _random.Next(8);
        // Half the flips land in the first 256 bytes, where the prefix and most of the header are.
        for (int i = 0; i < flips; i++)
        {
            int at = _random.Next(2) == 0 ? _random.Next(Math.Min(copy.Length, 256)) : _random.Next(copy.Length);
            copy[at] ^= (byte)(1 << _random.Next(8));
        }

        return copy;
    }

    private byte[] SetByte(byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        ReadOnlySpan<byte> interesting = "\0\u00ff{}[]\",:-0123456789 eE.\\"u8;
        byte[] copy = (byte[])input.Clone();
        copy[_random.Next(copy.Length)] = interesting[_random.Next(interesting.Length)];
        return copy;
    }

    private byte[] InsertBytes(byte[] input)
    {
        int at = _random.Next(input.Length + 1);
        return [.. input.AsSpan(0, at), .. RandomBytes(1 + _random.Next(16)), .. input.AsSpan(at)];
    }

    private byte[] DeleteBytes(byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        int at = _random.Next(input.Length);
        int count = Math.Min(input.Length - at, 1 + _random.Next(16));
        return [.. input.AsSpan(0, at), .. input.AsSpan(at + count)];
    }

    private byte[] SetHeaderLength(byte[] input)
    {
        byte[] copy = input.Length >= 8 ? (byte[])input.Clone() : [.. input, .. new byte[8 - input.Length]];
        ulong current = BinaryPrimitives.ReadUInt64LittleEndian(copy);
        ulong value = _random.Next(4) switch
        {
            0 => InterestingLengths[_random.Next(InterestingLengths.Length)],
            1 => current + (ulong)_random.Next(-8, 9),
            2 => (ulong)(copy.Length - 8 + _random.Next(-2, 3)),
            _ => (ulong)_random.NextInt64(),
        };
        BinaryPrimitives.WriteUInt64LittleEndian(copy, value);
        return copy;
    }

    private string ReplaceNumber(string header)
    {
        MatchCollection numbers = NumberTokenRegex().Matches(header);
        if (numbers.Count == 0)
        {
            return header;
        }

        Match target = numbers[_random.Next(numbers.Count)];
        string replacement = _random.Next(3) switch
        {
            0 => InterestingNumbers[_random.Next(InterestingNumbers.Length)],
            1 => numbers[_random.Next(numbers.Count)].Value,
            _ => long.TryParse(target.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
                ? (n + _random.Next(-4, 5)).ToString(CultureInfo.InvariantCulture)
                : "0",
        };
        return string.Concat(header.AsSpan(0, target.Index), replacement, header.AsSpan(target.Index + target.Length));
    }

    private string SwapNumbers(string header)
    {
        MatchCollection numbers = NumberTokenRegex().Matches(header);
        if (numbers.Count < 2)
        {
            return header;
        }

        // Adjacent numbers are often [begin, end]; others are offsets of different tensors or extents.
        int i = _random.Next(numbers.Count - 1);
        int j = _random.Next(2) == 0 ? i + 1 : _random.Next(numbers.Count);
        if (i == j)
        {
            return header;
        }

        (Match first, Match second) = numbers[i].Index < numbers[j].Index ? (numbers[i], numbers[j]) : (numbers[j], numbers[i]);
        return header[..first.Index] + second.Value + header[(first.Index + first.Length)..second.Index] + first.Value + header[(second.Index + second.Length)..];
    }

    private string ReplaceString(string header)
    {
        MatchCollection strings = StringTokenRegex().Matches(header);
        if (strings.Count == 0)
        {
            return header;
        }

        Match target = strings[_random.Next(strings.Count)];
        string replacement = _random.Next(3) == 0 ? strings[_random.Next(strings.Count)].Value : $"\"{InterestingStrings[_random.Next(InterestingStrings.Length)]}\"";
        return string.Concat(header.AsSpan(0, target.Index), replacement, header.AsSpan(target.Index + target.Length));
    }

    private string DuplicateEntry(string header)
    {
        MatchCollection entries = EntryRegex().Matches(header);
        int close = header.LastIndexOf('}');
        if (entries.Count == 0 || close < 0)
        {
            return header;
        }

        string entry = entries[_random.Next(entries.Count)].Value;
        if (_random.Next(2) == 0)
        {
            entry = "\"copy" + _random.Next(10).ToString(CultureInfo.InvariantCulture) + entry[1..]; // a new name: same bytes twice
        }

        return string.Concat(header.AsSpan(0, close), ",", entry, header.AsSpan(close));
    }

    private string RemoveEntry(string header)
    {
        MatchCollection entries = EntryRegex().Matches(header);
        if (entries.Count == 0)
        {
            return header;
        }

        Match target = entries[_random.Next(entries.Count)];
        int end = target.Index + target.Length;
        if (end < header.Length && header[end] == ',')
        {
            end++;
        }

        return string.Concat(header.AsSpan(0, target.Index), header.AsSpan(end));
    }

    private string EditStructure(string header)
    {
        const string Tokens = "{}[],:\"";
        int at = _random.Next(header.Length + 1);
        return _random.Next(4) switch
        {
            0 => header.Insert(at, Tokens[_random.Next(Tokens.Length)].ToString()),
            1 when header.Length > 0 => header.Remove(Math.Min(at, header.Length - 1), 1),
            2 => header.Insert(at, new string('[', 1 + _random.Next(100)) + new string(']', 1 + _random.Next(100))),
            _ => header[..at],
        };
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex("'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex("^Invalid safetensors (file '[^']*'|data): ")]
    private static partial Regex PathRegex();

    [GeneratedRegex("(?<![A-Za-z_0-9-])-?[0-9](?:[0-9.]|[eE][+-]?[0-9])*(?![0-9x])")]
    private static partial Regex NumberRegex();

    [GeneratedRegex("\\[[^\\[\\]]*\\]")]
    private static partial Regex BracketRegex();

    [GeneratedRegex("0x[0-9A-F]{2}")]
    private static partial Regex HexRegex();

    [GeneratedRegex("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")]
    private static partial Regex NumberTokenRegex();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringTokenRegex();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\":\\{[^{}]*\\}")]
    private static partial Regex EntryRegex();
}

/// <summary>An input broke the fuzzer's oracle: an unexpected exception type, or an accepted file that reads wrong.</summary>
public sealed class FuzzFailureException : Exception
{
    /// <summary>Creates the failure with the offending input.</summary>
    public FuzzFailureException(string message, byte[] input, Exception? innerException)
        : base(message + $" (input: {input.Length} bytes, base64 {Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 4096)))})", innerException)
    {
        Input = input;
    }

    /// <summary>The input that failed.</summary>
    public byte[] Input { get; }
}
