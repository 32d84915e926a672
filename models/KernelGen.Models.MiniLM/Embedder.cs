using System;
using System.Collections.Generic;

namespace KernelGen.Models.MiniLM;

/// <summary>One sentence's result: its ids, the last hidden state of its real tokens and its embedding.</summary>
/// <param name="Ids">The token ids, <c>[CLS] … [SEP]</c>.</param>
/// <param name="Hidden">The last hidden state of those tokens, <c>[Ids.Length, MiniLm.Width]</c>.</param>
/// <param name="Embedding">The pooled, L2-normalized embedding, <c>[MiniLm.Width]</c>.</param>
public sealed record SentenceOutput(int[] Ids, float[] Hidden, float[] Embedding);

/// <summary>An encoder's forward pass: ids <c>[batch, sequence]</c> and valid lengths in, the last hidden state out.</summary>
public delegate float[] EncoderForward(int[] ids, int batch, int sequence, int[] validLengths);

/// <summary>Runs sentences through an encoder in padded batches, as an index is built.</summary>
public static class Embedder
{
    /// <summary>
    /// Encodes <paramref name="sentences"/> in consecutive batches of <paramref name="batchSize"/>, each padded
    /// with <paramref name="paddingId"/> to its longest sentence plus <paramref name="extraPadding"/> (at most
    /// <see cref="MiniLm.MaxPositions"/>), and pools each sentence's real rows.
    /// </summary>
    public static SentenceOutput[] Embed(
        EncoderForward forward, IReadOnlyList<int[]> sentences, int batchSize, Pooling pooling, int paddingId, int extraPadding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        const int Width = MiniLm.Width;
        var outputs = new SentenceOutput[sentences.Count];
        for (int first = 0; first < sentences.Count; first += batchSize)
        {
            int batch = Math.Min(batchSize, sentences.Count - first);
            int sequence = 0;
            for (int b = 0; b < batch; b++)
            {
                sequence = Math.Max(sequence, sentences[first + b].Length);
            }

            sequence = Math.Min(sequence + extraPadding, MiniLm.MaxPositions);
            int[] ids = new int[batch * sequence];
            Array.Fill(ids, paddingId);
            int[] valid = new int[batch];
            for (int b = 0; b < batch; b++)
            {
                int[] sentence = sentences[first + b];
                sentence.CopyTo(ids, b * sequence);
                valid[b] = sentence.Length;
            }

            float[] hidden = forward(ids, batch, sequence, valid);
            for (int b = 0; b < batch; b++)
            {
                float[] rows = hidden.AsSpan(b * sequence * Width, valid[b] * Width).ToArray();
                outputs[first + b] = new SentenceOutput(sentences[first + b], rows, SentencePooling.Embed(rows, pooling));
            }
        }

        return outputs;
    }
}
