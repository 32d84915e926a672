using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>The CI smoke run: the linear-batch shape on 1 thread, in well under a minute.</summary>
[Config(typeof(SmokeCpuConfig))]
public class SmokeBenchmarks : LinearBenchmarkBase
{
    /// <inheritdoc/>
    [Params("16×1024×64")]
    public override string Shape { get; set; } = string.Empty;

    /// <inheritdoc/>
    [Params(1)]
    public override int Threads { get; set; }
}
