using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>Every issue-6 shape, on 1 and 2 threads.</summary>
[Config(typeof(ShortCpuConfig))]
public class LinearBenchmarks : LinearBenchmarkBase
{
    /// <inheritdoc/>
    [Params("1×4096×4096", "16×1024×64", "4800×1024×64", "1024×768×768", "1024×768×3072", "1024×4096×4096")]
    public override string Shape { get; set; } = string.Empty;

    /// <inheritdoc/>
    [Params(1, 2)]
    public override int Threads { get; set; }
}
