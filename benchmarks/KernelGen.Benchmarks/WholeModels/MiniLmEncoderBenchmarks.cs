using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// A BERT encoder of all-MiniLM-L6-v2's shapes (6 layers, 384 wide, 12 heads of 32, MLP 1536) on 32 sentences of
/// 128 tokens, KernelGen against ONNX Runtime, on 1 and 2 threads, with and without padding.
/// </summary>
[Config(typeof(WholeModelCpuConfig))]
public class MiniLmEncoderBenchmarks
{
    private MiniLmEncoderCase _case = null!;

    /// <summary>Every position real, or sentences of 16 to 128 tokens padded to 128.</summary>
    [Params(EncoderMask.AllOnes, EncoderMask.Padded)]
    public EncoderMask Mask { get; set; }

    /// <summary>KernelGen's <c>MaxDegreeOfParallelism</c> and ONNX Runtime's <c>IntraOpNumThreads</c>.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds both sides and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _case = new MiniLmEncoderCase(Threads, Mask);
        _case.CheckAgreement();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _case.Dispose();

    /// <summary>The encoder from KernelGen's generated layers: bit-reproducible, padding skipped.</summary>
    [Benchmark]
    public void KernelGen() => _case.RunKernelGen();

    /// <summary>The same graph in ONNX Runtime's CPU provider, padding masked by an additive bias.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _case.RunOnnxRuntime();
}
