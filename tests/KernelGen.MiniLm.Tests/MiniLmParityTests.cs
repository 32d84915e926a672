using System;
using System.Globalization;
using KernelGen.Models.MiniLM;
using Xunit;

namespace KernelGen.RealModel.Tests;

/// <summary>KernelGen's all-MiniLM-L6-v2 against ONNX Runtime (1 thread, CPU) on the same model.onnx and the same token ids.</summary>
public sealed class MiniLmParityTests(MiniLmFixture fixture)
{
    /// <summary>
    /// The largest |difference| of a last hidden state value allowed. Measured on this AVX-512 EPYC with
    /// ONNX Runtime 1.31.1: 4.8e-6 on these sentences (4.3e-6 over the 300-sentence corpus of the sample,
    /// mean 3.4e-7, mean |value| 0.32); the bound leaves a factor of about 4.
    /// </summary>
    public const double MaxHiddenDifference = 2e-5;

    /// <summary>The largest 1 − cosine between the two embeddings of a sentence (measured: 2.2e-12).</summary>
    public const double MaxCosineDistance = 1e-9;

    [Fact]
    public void The_last_hidden_state_and_embeddings_match_ONNX_Runtime_within_the_stated_bound()
    {
        int[][] ids = Sentences.Tokenize(fixture.Tokenizer);
        SentenceOutput[] mine = Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 1, Pooling.Mean, fixture.Tokenizer.PaddingId);
        SentenceOutput[] theirs = Embedder.Embed(fixture.OnnxRuntime.Forward, ids, 1, Pooling.Mean, fixture.Tokenizer.PaddingId);

        double maxDifference = 0, maxDistance = 0;
        for (int s = 0; s < ids.Length; s++)
        {
            for (int j = 0; j < mine[s].Hidden.Length; j++)
            {
                Assert.True(float.IsFinite(mine[s].Hidden[j]), $"sentence {s} value {j} is {mine[s].Hidden[j]}");
                maxDifference = Math.Max(maxDifference, Math.Abs((double)mine[s].Hidden[j] - theirs[s].Hidden[j]));
            }

            maxDistance = Math.Max(maxDistance, 1 - SentencePooling.Cosine(mine[s].Embedding, theirs[s].Embedding));
        }

        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"max |difference| {maxDifference:E2}, max 1 - cosine {maxDistance:E2}"));
        Assert.True(maxDifference <= MaxHiddenDifference, $"max |difference| {maxDifference:E2} > {MaxHiddenDifference:E0}");
        Assert.True(maxDistance <= MaxCosineDistance, $"max 1 - cosine {maxDistance:E2} > {MaxCosineDistance:E0}");
        Assert.True(maxDifference > 0, "identical to ONNX Runtime: the comparison is not comparing two implementations");
    }

    [Fact]
    public void Similar_sentences_are_closer_than_unrelated_ones()
    {
        float[] Embed(string text) =>
            Embedder.Embed(Sentences.KernelGen(fixture.Model), [fixture.Tokenizer.Encode(text)], 1, Pooling.Mean, fixture.Tokenizer.PaddingId)[0].Embedding;

        float[] rain = Embed("Will it rain tomorrow?");
        double close = SentencePooling.Cosine(rain, Embed("Heavy rain is expected tomorrow afternoon."));
        double far = SentencePooling.Cosine(rain, Embed("The striker scored twice in the final ten minutes."));

        Assert.True(close > far + 0.3, $"cosine to a related sentence {close:F3}, to an unrelated one {far:F3}");
    }

    [Fact]
    public void The_tokenizer_gives_bert_base_uncased_ids()
    {
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], fixture.Tokenizer.Encode("Hello, world!"));
        Assert.Equal([101, 102], fixture.Tokenizer.Encode(string.Empty));
        Assert.Equal(0, fixture.Tokenizer.PaddingId);
    }
}
