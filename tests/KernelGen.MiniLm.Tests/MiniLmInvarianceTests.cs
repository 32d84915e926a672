using System;
using System.Linq;
using KernelGen.Models.MiniLM;
using Xunit;

namespace KernelGen.RealModel.Tests;

/// <summary>A sentence's bits from the real model: the same alone, in any batch, with any padding, on any thread count and SIMD path.</summary>
public sealed class MiniLmInvarianceTests(MiniLmFixture fixture)
{
    /// <summary>SHA-256 of the test sentences' last hidden states then embeddings, each alone (KG-Bitwise-1).</summary>
    private const string Golden = "b092e705306ccaa9afc6e8d08d80006d5862c2cfabc980adacc3e3b87ee6c989";

    [Fact]
    public void Each_sentence_has_the_same_bits_alone_batched_padded_and_on_one_or_two_threads()
    {
        int[][] ids = Sentences.Tokenize(fixture.Tokenizer);
        int pad = fixture.Tokenizer.PaddingId;
        SentenceOutput[] alone = Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 1, Pooling.Mean, pad);

        (string Case, SentenceOutput[] Outputs)[] runs =
        [
            ("one batch of 8, padded to the longest", Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 8, Pooling.Mean, pad)),
            ("batches of 3, 13 more padding positions", Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 3, Pooling.Mean, pad, extraPadding: 13)),
            ("one batch of 8 on 1 thread", Embedder.Embed(Sentences.KernelGen(fixture.Model, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 }), ids, 8, Pooling.Mean, pad)),
            ("one batch of 8 on 2 threads", Embedder.Embed(Sentences.KernelGen(fixture.Model, new CpuExecutionOptions { MaxDegreeOfParallelism = 2 }), ids, 8, Pooling.Mean, pad)),
        ];

        Sentences.AssertSameBits(alone, runs);
    }

    [Fact]
    public void Every_supported_SIMD_path_gives_the_same_bits()
    {
        int[][] ids = [.. Sentences.Tokenize(fixture.Tokenizer).Take(2)];
        SentenceOutput[] scalar = Embedder.Embed(Sentences.KernelGen(fixture.Model, new CpuExecutionOptions { SimdPath = SimdPath.Scalar }), ids, 2, Pooling.Mean, 0);
        int pathsRun = 0;
        foreach (SimdPath path in new[] { SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128 })
        {
            if (!SimdPaths.IsSupported(path))
            {
                continue;
            }

            SentenceOutput[] got = Embedder.Embed(Sentences.KernelGen(fixture.Model, new CpuExecutionOptions { SimdPath = path }), ids, 2, Pooling.Mean, 0);
            for (int s = 0; s < ids.Length; s++)
            {
                Assert.True(Sentences.Bits(scalar[s].Hidden).SequenceEqual(Sentences.Bits(got[s].Hidden)), $"{path}: sentence {s} differs from the scalar path");
            }

            pathsRun++;
        }

        Assert.True(pathsRun > 0 || !System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, "no vector path ran on a machine with vector hardware");
    }

    [Fact]
    public void The_bits_match_the_golden_hash_of_this_arithmetic_version()
    {
        SentenceOutput[] alone = Embedder.Embed(Sentences.KernelGen(fixture.Model), Sentences.Tokenize(fixture.Tokenizer), 1, Pooling.Mean, fixture.Tokenizer.PaddingId);
        Assert.Equal("KG-Bitwise-1", ArithmeticVersion.Name);
        Assert.Equal(Golden, Sentences.Hash(alone));
    }
}
