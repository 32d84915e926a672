using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>The 20-block residual stack end to end (1 × 1024 × 768), KernelGen against ONNX Runtime, on 1 and 2 threads.</summary>
[Config(typeof(WholeModelCpuConfig))]
public class ResidualStackBenchmarks
{
    private ResidualStackCase _case = null!;

    /// <summary>KernelGen's <c>MaxDegreeOfParallelism</c> and ONNX Runtime's <c>IntraOpNumThreads</c>.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds both sides and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _case = new ResidualStackCase(Threads);
        _case.CheckAgreement();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _case.Dispose();

    /// <summary>The stack from KernelGen's generated layers: bit-reproducible.</summary>
    [Benchmark]
    public void KernelGen() => _case.RunKernelGen();

    /// <summary>The same graph in ONNX Runtime's CPU provider (MLAS, every graph optimization).</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _case.RunOnnxRuntime();
}
