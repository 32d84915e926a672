using System;
using System.Linq;
using KernelGen.Models.MiniLM;
using Xunit;

namespace KernelGen.RealModel.Tests;

/// <summary>
/// The real all-MiniLM-L6-v2 with its Linear layers in KG-Exact-1 (<c>MiniLm.Load(onnx, KernelArithmetic.Exact)</c>):
/// fixed bits (a golden hash; alone == batched and padded; every thread count and SIMD path), and at least as
/// accurate against a float64 BERT as the Bitwise tier.
/// </summary>
public sealed class MiniLmExactTierTests(MiniLmFixture fixture)
{
    /// <summary>SHA-256 of the test sentences' last hidden states then embeddings, each alone (KG-Exact-1 Linear layers).</summary>
    private const string Golden = "e0fedc28740abc4c8b033f78850573b8d371d4170cc1b16b3164a00529f1b94f";

    private MiniLm Exact => fixture.ExactModel;

    [Fact]
    public void Exact_model_reports_its_arithmetic_and_refuses_an_unknown_one()
    {
        Assert.Equal(KernelArithmetic.Exact, Exact.Arithmetic);
        Assert.Equal(KernelArithmetic.Bitwise, fixture.Model.Arithmetic);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MiniLm.Load(OnnxFile.FromMemory(fixture.ModelBytes), (KernelArithmetic)7));
        Assert.Equal("arithmetic", error.ParamName);
        Assert.StartsWith("Not a member of KernelArithmetic: use Bitwise or Exact.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_sentence_has_the_same_exact_bits_alone_batched_padded_on_every_thread_count_and_SIMD_path()
    {
        int[][] ids = Sentences.Tokenize(fixture.Tokenizer);
        int pad = fixture.Tokenizer.PaddingId;
        SentenceOutput[] alone = Embedder.Embed(Sentences.KernelGen(Exact), ids, 1, Pooling.Mean, pad);

        (string Case, SentenceOutput[] Outputs)[] runs =
        [
            ("one batch of 8, padded to the longest", Embedder.Embed(Sentences.KernelGen(Exact), ids, 8, Pooling.Mean, pad)),
            ("batches of 3, 13 more padding positions", Embedder.Embed(Sentences.KernelGen(Exact), ids, 3, Pooling.Mean, pad, extraPadding: 13)),
            ("one batch of 8 on 1 thread", Embedder.Embed(Sentences.KernelGen(Exact, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 }), ids, 8, Pooling.Mean, pad)),
            ("one batch of 8 on 3 threads", Embedder.Embed(Sentences.KernelGen(Exact, new CpuExecutionOptions { MaxDegreeOfParallelism = 3 }), ids, 8, Pooling.Mean, pad)),
            .. SimdPathsOfThisMachine().Select(path => ($"one batch of 8 on {path}", Embedder.Embed(Sentences.KernelGen(Exact, new CpuExecutionOptions { SimdPath = path }), ids, 8, Pooling.Mean, pad))),
        ];

        Sentences.AssertSameBits(alone, runs);
    }

    [Fact]
    public void Exact_bits_match_their_golden_hash_and_differ_from_the_bitwise_tier()
    {
        int[][] ids = Sentences.Tokenize(fixture.Tokenizer);
        SentenceOutput[] exact = Embedder.Embed(Sentences.KernelGen(Exact), ids, 1, Pooling.Mean, fixture.Tokenizer.PaddingId);
        SentenceOutput[] bitwise = Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 1, Pooling.Mean, fixture.Tokenizer.PaddingId);

        Assert.Equal("KG-Exact-1", ArithmeticVersion.ExactName);
        string hash = Sentences.Hash(exact);
        Assert.True(hash == Golden, $"SHA-256 of the exact tier's outputs: {hash}");
        Assert.NotEqual(Sentences.Hash(bitwise), hash);
    }

    [Fact]
    public void Exact_tier_is_at_least_as_accurate_as_the_bitwise_tier_against_float64()
    {
        var reference = new BertFloat64Reference(fixture.Model);
        int[][] ids = Sentences.Tokenize(fixture.Tokenizer);
        SentenceOutput[] exact = Embedder.Embed(Sentences.KernelGen(Exact), ids, 8, Pooling.Mean, fixture.Tokenizer.PaddingId);
        SentenceOutput[] bitwise = Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 8, Pooling.Mean, fixture.Tokenizer.PaddingId);

        double[] expected = [.. ids.SelectMany(reference.Forward)];
        Errors exactErrors = Errors.Of(exact.SelectMany(o => o.Hidden), expected);
        Errors bitwiseErrors = Errors.Of(bitwise.SelectMany(o => o.Hidden), expected);
        Errors onnxErrors = Errors.Of(ids.SelectMany(sentence => fixture.OnnxRuntime.Forward(sentence, 1, sentence.Length, [sentence.Length])), expected);

        string report = $"last hidden state, abs error vs float64 over {expected.Length} values (median, max): exact {exactErrors}, bitwise {bitwiseErrors}, ONNX Runtime float32 {onnxErrors}";
        TestContext.Current.SendDiagnosticMessage(report);
        Assert.True(bitwiseErrors.Max < 1e-4, $"the float64 reference disagrees with the model: {report}");
        Assert.True(exactErrors.Median <= bitwiseErrors.Median && exactErrors.Max <= bitwiseErrors.Max, report);
    }

    private static SimdPath[] SimdPathsOfThisMachine() =>
        [.. new[] { SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128, SimdPath.Scalar }.Where(SimdPaths.IsSupported)];

    private readonly record struct Errors(double Median, double Max)
    {
        public static Errors Of(System.Collections.Generic.IEnumerable<float> actual, double[] reference)
        {
            double[] errors = [.. actual.Zip(reference, (a, r) => Math.Abs(a - r)).Order()];
            Assert.Equal(reference.Length, errors.Length);
            return new Errors(errors[errors.Length / 2], errors[^1]);
        }

        public override string ToString() => FormattableString.Invariant($"({Median:E3}, {Max:E3})");
    }
}
