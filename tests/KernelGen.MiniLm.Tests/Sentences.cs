using System;
using System.Linq;
using System.Runtime.InteropServices;
using KernelGen.Models.MiniLM;

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
}
