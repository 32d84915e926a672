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

    /// <summary>
    /// The Linear weights' standard deviation: 0.2 (the stack: GELU inputs near N(0, 5.5)), and PyTorch's
    /// default <c>nn.Linear</c> initialisation at width 768 (GELU inputs near N(0, 0.6)).
    /// </summary>
    [Params(ResidualStack.WeightStd, ResidualStack.PyTorchDefaultWeightStd)]
    public float WeightStd { get; set; }

    /// <summary>Builds both sides and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _case = new ResidualStackCase(Threads, weightStd: WeightStd);
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
