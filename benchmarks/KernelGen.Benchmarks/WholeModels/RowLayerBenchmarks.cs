using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// The row layers one call at a time on the models' shapes, 1 thread: KernelGen's generated kernels against
/// one-node ONNX Runtime graphs.
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class RowLayerBenchmarks : RowLayerBenchmarkBase
{
    /// <inheritdoc/>
    [Params(RowOp.Gelu1024x768, RowOp.LayerNorm1024x768, RowOp.Softmax32x12x128x128, RowOp.Add1024x768)]
    public override RowOp Op { get; set; }
}

/// <summary>The CI smoke run's row layer: LayerNorm 1024 × 768 on 1 thread, a few seconds.</summary>
[Config(typeof(SmokeCpuConfig))]
public class RowLayerSmokeBenchmarks : RowLayerBenchmarkBase
{
    /// <inheritdoc/>
    [Params(RowOp.LayerNorm1024x768)]
    public override RowOp Op { get; set; }
}

/// <summary>A row layer, KernelGen against ONNX Runtime, on one thread.</summary>
public abstract class RowLayerBenchmarkBase
{
    private RowOpCase _case = null!;

    /// <summary>The layer and shape.</summary>
    public abstract RowOp Op { get; set; }

    /// <summary>Builds both sides and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _case = new RowOpCase(Op, threads: 1);
        _case.CheckAgreement();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _case.Dispose();

    /// <summary>KernelGen's generated kernel (the add: <see cref="Elementwise.Add"/>).</summary>
    [Benchmark]
    public void KernelGen() => _case.RunKernelGen();

    /// <summary>A one-node graph in ONNX Runtime's CPU provider.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _case.RunOnnxRuntime();
}
