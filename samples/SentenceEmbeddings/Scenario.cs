using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KernelGen;
using KernelGen.Models.MiniLM;

namespace SentenceEmbeddings;

/// <summary>
/// The scenario: embed a corpus as an index is built (batches of 1, 7 and 32, extra padding, 1 or all
/// threads) with KernelGen and with ONNX Runtime on the same model.onnx; count the sentences whose bits
/// change; measure parity; run a small semantic search; print a verdict.
/// </summary>
internal static class Scenario
{
    /// <summary>KernelGen against ONNX Runtime, one sentence at a time: the largest |difference| of a last hidden state value allowed.</summary>
    /// <remarks>Measured 4.3e-6 over the corpus on an AVX-512 EPYC (ONNX Runtime 1.31.1); the bound leaves a factor of 10.</remarks>
    public const double MaxHiddenDifference = 5e-5;

    /// <summary>SHA-256 of the corpus's embeddings, each sentence alone (KG-Bitwise-1): it changes only with the arithmetic version.</summary>
    public const string Golden = "bd1d16f6a356b720450196e80bcf899a8af99aa9c1ab015e9bab11c09dd18541";

    /// <summary>The largest 1 − cosine allowed between KernelGen's and ONNX Runtime's embedding of a sentence.</summary>
    public const double MaxCosineDistance = 1e-6;

    private static readonly string[] Queries =
    [
        "How do I bake bread at home?",
        "Will it rain tomorrow?",
        "My computer is running very slowly.",
        "Which animals live in cold places?",
        "Why do my program's results change with the batch size?",
    ];

    public static int Run(TextWriter output)
    {
        int threads = Environment.ProcessorCount;
        byte[] bytes = PackagedModel.ReadModel();
        OnnxFile onnx = OnnxFile.FromMemory(bytes);
        MiniLm model = MiniLm.Load(onnx);
        SentenceTokenizer tokenizer;
        using (Stream vocabulary = PackagedModel.OpenVocabulary())
        {
            tokenizer = SentenceTokenizer.Create(vocabulary);
        }

        string[] corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "corpus.txt"));
        int[][] sentences = [.. corpus.Select(tokenizer.Encode)];
        int n = sentences.Length, pad = tokenizer.PaddingId;
        output.WriteLine($"KernelGen arithmetic {ArithmeticVersion.Name}: all-MiniLM-L6-v2 from {PackagedModel.Package} (ONNX IR {onnx.IrVersion}, {onnx.ProducerName} {onnx.ProducerVersion}, {onnx.Initializers.Count} initializers, {onnx.Nodes.Count} nodes)");
        output.WriteLine($"BERT: {MiniLm.Depth} layers, width {MiniLm.Width}, {MiniLm.Heads} heads, MLP {MiniLm.Intermediate}, GELU (erf), post-LayerNorm; mean pooling, L2-normalized");
        output.WriteLine($"CPU: {SimdPaths.Default} path, {threads} threads; ONNX Runtime {OrtVersion()} CPU provider on the same model.onnx");
        output.WriteLine($"corpus: {n} sentences, {sentences.Min(s => s.Length)} to {sentences.Max(s => s.Length)} tokens (WordPiece, Microsoft.ML.Tokenizers), {sentences.Sum(s => s.Length)} in all");

        EncoderForward KernelGen(int count)
        {
            var options = new CpuExecutionOptions { MaxDegreeOfParallelism = count };
            return (ids, batch, sequence, valid) => model.Encode(ids, batch, sequence, valid, options);
        }

        var clock = Stopwatch.StartNew();
        SentenceOutput[] alone = Embedder.Embed(KernelGen(threads), sentences, 1, Pooling.Mean, pad);
        double aloneSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine();
        output.WriteLine($"KernelGen: each sentence against itself embedded alone (batch 1, no padding, {threads} threads, {aloneSeconds:F1} s):");
        bool invariant = true;
        foreach ((string label, int batch, int extra, int count) in Cases(threads))
        {
            clock.Restart();
            SentenceOutput[] got = Embedder.Embed(KernelGen(count), sentences, batch, Pooling.Mean, pad, extra);
            int same = Identical(alone, got);
            invariant &= same == n;
            output.WriteLine($"  {label,-62} {same,4}/{n} identical   ({clock.Elapsed.TotalSeconds:F1} s)");
        }

        using var ortOne = new OnnxRuntimeEncoder(bytes, 1);
        using var ortAll = new OnnxRuntimeEncoder(bytes, threads);
        clock.Restart();
        SentenceOutput[] reference = Embedder.Embed(ortOne.Forward, sentences, 1, Pooling.Mean, pad);
        output.WriteLine();
        output.WriteLine($"ONNX Runtime: each sentence against itself embedded alone (batch 1, 1 thread, {clock.Elapsed.TotalSeconds:F1} s):");
        foreach ((string label, int batch, int extra, int count) in Cases(threads).Append(($"alone, {threads} threads", 1, 0, threads)))
        {
            clock.Restart();
            SentenceOutput[] got = Embedder.Embed(count == 1 ? ortOne.Forward : ortAll.Forward, sentences, batch, Pooling.Mean, pad, extra);
            int same = Identical(reference, got);
            output.WriteLine($"  {label,-62} {same,4}/{n} identical, {n - same} changed bits   ({clock.Elapsed.TotalSeconds:F1} s)");
        }

        (double maxDiff, double meanDiff, double meanValue, double minCosine, double meanCosine) = Parity(alone, reference);
        bool close = maxDiff <= MaxHiddenDifference && 1 - minCosine <= MaxCosineDistance;
        output.WriteLine();
        output.WriteLine($"Parity, KernelGen vs ONNX Runtime (each sentence alone), {alone.Sum(s => s.Ids.Length)} tokens x {MiniLm.Width}:");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  last hidden state: max |difference| {maxDiff:E2} (bound {MaxHiddenDifference:E0}), mean {meanDiff:E2}; mean |value| {meanValue:F3}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  embeddings: 1 - cosine at most {1 - minCosine:E2} (bound {MaxCosineDistance:E0}), mean {1 - meanCosine:E2}"));
        string hash = Sha256(alone);
        bool golden = hash == Golden;
        output.WriteLine($"  SHA-256 of every embedding, KernelGen:    {hash} (the same on every CPU, batch and thread count; golden: {(golden ? "matches" : "DIFFERS")})");
        output.WriteLine($"  SHA-256 of every embedding, ONNX Runtime: {Sha256(reference)} (compare it across machines)");

        output.WriteLine();
        output.WriteLine("Semantic search over the corpus (cosine of KernelGen's embeddings; ONNX Runtime's ranking beside it):");
        bool rankingsAgree = true;
        foreach (string query in Queries)
        {
            int[] ids = tokenizer.Encode(query);
            SentenceOutput mine = Embedder.Embed(KernelGen(threads), [ids], 1, Pooling.Mean, pad)[0];
            SentenceOutput theirs = Embedder.Embed(ortOne.Forward, [ids], 1, Pooling.Mean, pad)[0];
            int[] top = Top(mine.Embedding, alone, 3);
            bool agree = top.SequenceEqual(Top(theirs.Embedding, reference, 3));
            rankingsAgree &= agree;
            output.WriteLine($"  \"{query}\"{(agree ? string.Empty : "  (ONNX Runtime ranks differently)")}");
            foreach (int hit in top)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {SentencePooling.Cosine(mine.Embedding, alone[hit].Embedding):F3}  {corpus[hit]}"));
            }
        }

        (bool gpuMatches, string? gpuName) = OnTheGpu(model, sentences, alone, pad, output);
        bool pass = invariant && close && rankingsAgree && golden && gpuMatches;
        output.WriteLine();
        output.WriteLine(pass
            ? string.Create(CultureInfo.InvariantCulture, $"VERDICT: PASS — all {n} sentences have the same bits alone, in batches of 7 and 32, with extra padding and on 1 or {threads} threads; KernelGen is within {maxDiff:E1} of ONNX Runtime (1 - cosine <= {1 - minCosine:E1}), ranks the search the same and matches the golden hash{(gpuName is null ? string.Empty : $"; the GPU ({gpuName}) gives the CPU's bits")}")
            : $"VERDICT: FAIL — {(!invariant ? "a sentence's bits depended on its batch, padding or thread count" : !close ? "KernelGen is farther from ONNX Runtime than the bound" : !rankingsAgree ? "the search rankings differ from ONNX Runtime's" : !golden ? "the embeddings differ from the golden hash" : "the GPU's bits differ from the CPU's")}");
        return pass ? 0 : 1;
    }

    /// <summary>
    /// Moves the model to the first CUDA GPU, if there is one, and embeds the corpus there alone and in batches
    /// of 32: every sentence must have the CPU's bits. Without a GPU it says why and passes.
    /// </summary>
    private static (bool Matches, string? Name) OnTheGpu(MiniLm model, int[][] sentences, SentenceOutput[] cpu, int pad, TextWriter output)
    {
        output.WriteLine();
        using GpuDevice? gpu = GpuDevice.TryOpenCuda(out string reason);
        if (gpu is null)
        {
            output.WriteLine($"GPU: skipped ({reason})");
            return (true, null);
        }

        model.To(gpu);
        output.WriteLine($"GPU {gpu.Name}: the same model moved with To(gpu), the same Forward; each sentence against the CPU's bits alone:");
        bool matches = true;
        foreach ((string label, int batch, int extra) in new[] { ("alone (batch 1)", 1, 0), ("batches of 32, padded to each batch's longest", 32, 0), ("batches of 32, 16 more padding positions", 32, 16) })
        {
            var clock = Stopwatch.StartNew();
            SentenceOutput[] got = Embedder.Embed((ids, b, sequence, valid) => model.Encode(ids, b, sequence, valid), sentences, batch, Pooling.Mean, pad, extra);
            int same = Identical(cpu, got);
            matches &= same == sentences.Length;
            output.WriteLine($"  {label,-62} {same,4}/{sentences.Length} identical   ({clock.Elapsed.TotalSeconds:F2} s)");
        }

        model.To(Device.Cpu);
        return (matches, gpu.Name);
    }

    private static IEnumerable<(string Label, int Batch, int Extra, int Threads)> Cases(int threads) =>
    [
        ($"batches of 7, padded to each batch's longest, {threads} threads", 7, 0, threads),
        ($"batches of 32, padded to each batch's longest, {threads} threads", 32, 0, threads),
        ($"batches of 32, 16 more padding positions, {threads} threads", 32, 16, threads),
        ("batches of 32, padded to each batch's longest, 1 thread", 32, 0, 1),
    ];

    /// <summary>Sentences whose hidden state and embedding have the same bits in both runs.</summary>
    private static int Identical(SentenceOutput[] expected, SentenceOutput[] actual)
    {
        int same = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (Bits(expected[i].Hidden).SequenceEqual(Bits(actual[i].Hidden)) && Bits(expected[i].Embedding).SequenceEqual(Bits(actual[i].Embedding)))
            {
                same++;
            }
        }

        return same;
    }

    private static (double MaxDiff, double MeanDiff, double MeanValue, double MinCosine, double MeanCosine) Parity(SentenceOutput[] mine, SentenceOutput[] theirs)
    {
        double max = 0, sum = 0, magnitude = 0, minCosine = 1, cosines = 0;
        long count = 0;
        for (int i = 0; i < mine.Length; i++)
        {
            for (int j = 0; j < mine[i].Hidden.Length; j++)
            {
                double difference = Math.Abs((double)mine[i].Hidden[j] - theirs[i].Hidden[j]);
                max = Math.Max(max, difference);
                sum += difference;
                magnitude += Math.Abs(theirs[i].Hidden[j]);
                count++;
            }

            double cosine = SentencePooling.Cosine(mine[i].Embedding, theirs[i].Embedding);
            minCosine = Math.Min(minCosine, cosine);
            cosines += cosine;
        }

        return (max, sum / count, magnitude / count, minCosine, cosines / mine.Length);
    }

    private static int[] Top(float[] query, SentenceOutput[] index, int count) =>
        [.. Enumerable.Range(0, index.Length).OrderByDescending(i => SentencePooling.Cosine(query, index[i].Embedding)).ThenBy(i => i).Take(count)];

    private static string Sha256(SentenceOutput[] outputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (SentenceOutput output in outputs)
        {
            hash.AppendData(MemoryMarshal.AsBytes(output.Embedding.AsSpan()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static ReadOnlySpan<byte> Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan());

    private static string OrtVersion() =>
        typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString(3) ?? "?";
}
