using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelGen;
using KernelGen.Models.MiniLM;

namespace SentenceEmbeddings;

/// <summary>
/// The command line: embeds every line of a text file with a BERT ONNX export of MiniLM's dimensions
/// and writes the ids, mask, last hidden state and embeddings to a safetensors file. The file's bytes do
/// not depend on <c>--batch</c>: every sentence's bits are its own, and padding positions hold 0.
/// </summary>
public static class EmbedCommand
{
    /// <summary>Runs the command; returns the exit code (0 done, 1 a file could not be used, 2 a usage error).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 1 && args[0] is "--help" or "-h")
        {
            output.WriteLine(CommandLine.Usage);
            return 0;
        }

        EmbedOptions? options = CommandLine.Parse(args, out string problem);
        if (options is null)
        {
            error.WriteLine($"error: {problem}");
            error.WriteLine(CommandLine.Usage);
            return 2;
        }

        try
        {
            Run(options, output);
            return 0;
        }
        catch (Exception exception) when (exception is OnnxFormatException or KeyNotFoundException or ArgumentException or NotSupportedException or IOException or InvalidDataException)
        {
            error.WriteLine($"error: {Describe(exception)}");
            return 1;
        }
    }

    /// <summary>An exception's message without the " (Parameter 'x')" that ArgumentException appends.</summary>
    private static string Describe(Exception exception) =>
        exception is ArgumentException { ParamName: { } parameter }
            ? exception.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;

    /// <summary>
    /// The mismatch's first line, then its first few tensors, the mis-shaped and mis-typed first (they say what
    /// model the file holds), then the missing and the unexpected; the rest counted.
    /// </summary>
    private static string Summarize(StateDictMismatchException exception)
    {
        const int Shown = 4;
        string[] details =
        [
            .. exception.MisShaped.Select(line => $"mis-shaped: {line}"),
            .. exception.MisTyped.Select(line => $"mis-typed: {line}"),
            .. exception.Missing.Select(line => $"missing: {line}"),
            .. exception.Unexpected.Select(line => $"unexpected: {line}"),
        ];
        string header = exception.Message.Split('\n')[0];
        string shown = string.Concat(details.Take(Shown).Select(line => $"\n  {line}"));
        return details.Length > Shown ? $"{header}{shown}\n  … and {details.Length - Shown} more" : header + shown;
    }

    /// <summary>Embeds the sentences and writes the file.</summary>
    public static void Run(EmbedOptions options, TextWriter output)
    {
        MiniLm model;
        try
        {
            model = MiniLm.Load(OnnxFile.Open(options.Model));
        }
        catch (StateDictMismatchException exception)
        {
            throw new InvalidDataException($"the model '{options.Model}' is not a BERT of MiniLM's dimensions: {Summarize(exception)}", exception);
        }

        SentenceTokenizer tokenizer;
        using (FileStream vocabulary = File.OpenRead(options.Vocabulary))
        {
            try
            {
                tokenizer = SentenceTokenizer.Create(vocabulary);
            }
            catch (Exception exception) when (exception is not IOException)
            {
                throw new InvalidDataException($"the vocabulary '{options.Vocabulary}' cannot be read as a WordPiece vocab.txt: {exception.Message}", exception);
            }
        }

        string[] lines = File.ReadAllLines(options.Texts);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"the texts file '{options.Texts}' holds no sentence; it needs one per line.");
        }

        var sentences = new int[lines.Length][];
        for (int i = 0; i < lines.Length; i++)
        {
            try
            {
                sentences[i] = tokenizer.Encode(lines[i]);
            }
            catch (ArgumentException exception)
            {
                throw new InvalidDataException($"line {i + 1} of '{options.Texts}': {Describe(exception)}", exception);
            }
        }

        SentenceOutput[] results = Embedder.Embed(
            (ids, batch, sequence, valid) => model.Encode(ids, batch, sequence, valid), sentences, options.Batch, options.Pooling, tokenizer.PaddingId);
        int longest = Write(results, options.Pooling, tokenizer.PaddingId, options.Output);
        output.WriteLine($"embedded {results.Length} sentences (at most {longest} tokens) in batches of {options.Batch}, {options.Pooling.ToString().ToLowerInvariant()} pooling: {options.Output}");
    }

    /// <summary>Writes the results; returns L, the longest sentence's token count.</summary>
    public static int Write(IReadOnlyList<SentenceOutput> results, Pooling pooling, int paddingId, string path)
    {
        const int Width = MiniLm.Width;
        int n = results.Count, longest = 0;
        foreach (SentenceOutput result in results)
        {
            longest = Math.Max(longest, result.Ids.Length);
        }

        long[] ids = new long[n * longest];
        long[] mask = new long[n * longest];
        float[] hidden = new float[n * longest * Width];
        float[] embeddings = new float[n * Width];
        Array.Fill(ids, paddingId);
        for (int s = 0; s < n; s++)
        {
            SentenceOutput result = results[s];
            for (int t = 0; t < result.Ids.Length; t++)
            {
                ids[(s * longest) + t] = result.Ids[t];
                mask[(s * longest) + t] = 1;
            }

            result.Hidden.CopyTo(hidden, s * longest * Width);
            result.Embedding.CopyTo(embeddings, s * Width);
        }

        new SafetensorsWriter()
            .Add("input_ids", ids, [n, longest])
            .Add("attention_mask", mask, [n, longest])
            .Add("last_hidden_state", hidden, [n, longest, Width])
            .Add("embeddings", embeddings, [n, Width])
            .AddMetadata("pooling", pooling.ToString().ToLowerInvariant())
            .AddMetadata("normalized", "l2")
            .AddMetadata("arithmetic", ArithmeticVersion.Name)
            .Save(path);
        return longest;
    }
}
