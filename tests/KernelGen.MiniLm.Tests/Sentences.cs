using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KernelGen.Models.MiniLM;
using Xunit;

namespace KernelGen.RealModel.Tests;

/// <summary>The test sentences (short, long, punctuation, accents, numbers, empty) and helpers over them.</summary>
internal static class Sentences
{
    public static readonly string[] Texts =
    [
        "Hello, world!",
        "The quick brown fox jumps over the lazy dog.",
        "Café crème costs 3.50 € at the station; the croissant is free.",
        "A neural network should give a sentence the same embedding whatever batch it is in.",
        "",
        "Why?",
        "Knead the dough for ten minutes, let it rise for an hour, then bake it at 220 degrees until the crust sounds hollow when tapped.",
        "The striker scored twice in the final ten minutes of the match.",
    ];

    public static int[][] Tokenize(SentenceTokenizer tokenizer) => [.. Texts.Select(tokenizer.Encode)];

    public static EncoderForward KernelGen(MiniLm model, CpuExecutionOptions? options = null) =>
        (ids, batch, sequence, valid) => model.Encode(ids, batch, sequence, valid, options);

    public static byte[] Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>Asserts that every run gives each sentence the bits it has <paramref name="alone"/>: hidden state and embedding.</summary>
    public static void AssertSameBits(SentenceOutput[] alone, (string Case, SentenceOutput[] Outputs)[] runs)
    {
        foreach ((string name, SentenceOutput[] outputs) in runs)
        {
            for (int s = 0; s < alone.Length; s++)
            {
                Assert.True(Bits(alone[s].Hidden).SequenceEqual(Bits(outputs[s].Hidden)), $"{name}: sentence {s}'s hidden state differs from alone");
                Assert.True(Bits(alone[s].Embedding).SequenceEqual(Bits(outputs[s].Embedding)), $"{name}: sentence {s}'s embedding differs from alone");
            }
        }
    }

    /// <summary>SHA-256 of every sentence's last hidden state, then of every sentence's embedding (the golden hashes).</summary>
    public static string Hash(SentenceOutput[] outputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (SentenceOutput output in outputs)
        {
            hash.AppendData(Bits(output.Hidden));
        }

        foreach (SentenceOutput output in outputs)
        {
            hash.AppendData(Bits(output.Embedding));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
