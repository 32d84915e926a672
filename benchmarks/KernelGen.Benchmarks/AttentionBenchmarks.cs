using System;
using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// One attention call at all-MiniLM-L6-v2's shapes (32 sentences × 128 tokens, 12 heads × 32): the tiled CPU
/// kernel against the scalar one it replaced, on the same data and thread count. The setup checks that the two
/// give the same bits.
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class AttentionBenchmarks
{
    private const int Batch = 32, Sequence = 128;

    private readonly MiniLmAttention _layer = new();
    private float[] _q = null!, _k = null!, _v = null!, _output = null!;
    private CpuExecutionOptions _options = null!;

    /// <summary>Threads for both kernels.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Fills the inputs and checks that the kernels agree bit for bit.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int n = Batch * Sequence * _layer.Width;
        _q = new float[n];
        _k = new float[n];
        _v = new float[n];
        _output = new float[n];
        new PhiloxRandom(seed: 42, stream: 0).Fill(_q, -2f, 2f);
        new PhiloxRandom(seed: 42, stream: 1).Fill(_k, -2f, 2f);
        new PhiloxRandom(seed: 42, stream: 2).Fill(_v, -1f, 1f);
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = Threads };

        Scalar();
        float[] reference = (float[])_output.Clone();
        Tiled();
        if (!reference.AsSpan().SequenceEqual(_output))
        {
            throw new InvalidOperationException("The tiled attention kernel's bits differ from the scalar kernel's.");
        }
    }

    /// <summary>The tiled kernel the layers run.</summary>
    [Benchmark]
    public void Tiled() => _layer.Forward(_q, _k, _v, _output, Batch, Sequence, causal: false, options: _options);

    /// <summary>The scalar kernel it replaced: one (sequence, query, head) at a time over strided rows.</summary>
    [Benchmark(Baseline = true)]
    public void Scalar() => AttentionReference.Forward(_layer, _q, _k, _v, _output, Batch, Sequence, causal: false, threads: Threads);
}
