using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KernelGen.Models.MiniLM;

namespace SentenceEmbeddings;

/// <summary>The embedding command's options.</summary>
/// <param name="Model">The ONNX export of a BERT of MiniLM's dimensions.</param>
/// <param name="Vocabulary">Its vocab.txt.</param>
/// <param name="Texts">One sentence per line.</param>
/// <param name="Pooling">Mean or CLS.</param>
/// <param name="Batch">Sentences per forward pass (the bits do not depend on it).</param>
/// <param name="Output">The safetensors file to write.</param>
public sealed record EmbedOptions(string Model, string Vocabulary, string Texts, Pooling Pooling, int Batch, string Output);

/// <summary>
/// Parses <c>--model FILE.onnx --vocab FILE.txt --texts FILE.txt --pooling mean|cls --batch N --output FILE.safetensors</c>.
/// Every mistake gets a message naming the option, what it got and what it needs.
/// </summary>
public static class CommandLine
{
    /// <summary>The largest batch accepted.</summary>
    public const int MaxBatch = 4096;

    public const string Usage =
        "usage: SentenceEmbeddings --model FILE.onnx --vocab FILE.txt --texts FILE.txt [--pooling mean|cls] [--batch N] --output FILE.safetensors\n" +
        "  --model    an ONNX export of a BERT with MiniLM's dimensions (all-MiniLM-L6-v2: 6 layers, width 384, 12 heads)\n" +
        "  --vocab    its WordPiece vocab.txt\n" +
        "  --texts    a UTF-8 text file, one sentence per line\n" +
        "  --pooling  mean (default) or cls; the embedding is then L2-normalized\n" +
        "  --batch    sentences per forward pass, 1 to 4096 (default 32); the output's bits do not depend on it\n" +
        "  --output   the safetensors file to write: input_ids and attention_mask (I64 [n, L]), last_hidden_state\n" +
        "             (F32 [n, L, 384], 0 at padding) and embeddings (F32 [n, 384]), L the longest sentence's token count\n" +
        "Without arguments it runs the scenario on the packaged all-MiniLM-L6-v2.";

    private static readonly string[] Known = ["--model", "--vocab", "--texts", "--pooling", "--batch", "--output"];

    /// <summary>Parses <paramref name="args"/>; returns the options, or null with the error in <paramref name="error"/>.</summary>
    public static EmbedOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (Array.IndexOf(Known, option) < 0)
            {
                error = option.StartsWith("--", StringComparison.Ordinal)
                    ? $"unknown option '{option}'; the options are {string.Join(", ", Known)}."
                    : $"unexpected argument '{option}'; every value follows its option, as in --texts sentences.txt.";
                return null;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{option} needs a value.";
                return null;
            }

            if (!values.TryAdd(option, args[++i]))
            {
                error = $"{option} is given twice.";
                return null;
            }
        }

        foreach (string required in new[] { "--model", "--vocab", "--texts", "--output" })
        {
            if (!values.ContainsKey(required))
            {
                error = $"{required} is missing.";
                return null;
            }
        }

        Pooling pooling = Pooling.Mean;
        if (values.TryGetValue("--pooling", out string? poolingText))
        {
            switch (poolingText)
            {
                case "mean": pooling = Pooling.Mean; break;
                case "cls": pooling = Pooling.Cls; break;
                default:
                    error = $"--pooling is '{poolingText}'; it must be mean or cls.";
                    return null;
            }
        }

        int batch = 32;
        if (values.TryGetValue("--batch", out string? batchText)
            && (!int.TryParse(batchText, NumberStyles.None, CultureInfo.InvariantCulture, out batch) || batch < 1 || batch > MaxBatch))
        {
            error = $"--batch is '{batchText}'; it must be a whole number from 1 to {MaxBatch}.";
            return null;
        }

        foreach ((string option, string what) in new[] { ("--model", "model"), ("--vocab", "vocabulary"), ("--texts", "texts") })
        {
            if (!File.Exists(values[option]))
            {
                error = $"{option}: the {what} file '{values[option]}' does not exist.";
                return null;
            }
        }

        string output = values["--output"];
        string? folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null && !Directory.Exists(folder))
        {
            error = $"--output: the folder '{folder}' does not exist.";
            return null;
        }

        error = string.Empty;
        return new EmbedOptions(values["--model"], values["--vocab"], values["--texts"], pooling, batch, output);
    }
}
