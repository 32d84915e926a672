using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace KernelGen.Benchmarks;

/// <summary>
/// Whole models run for a tenth of a second to seconds per pass: one warmup and seven iterations of one
/// pass each keep a KernelGen-versus-ONNX Runtime pair within a few minutes on two cores, and the median
/// (shown) is what other work on a shared machine moves least.
/// </summary>
public sealed class WholeModelCpuConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public WholeModelCpuConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(7)
            .WithId("WholeModelCpu"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        HideColumns(Column.Error, Column.StdDev, Column.RatioSD);
    }
}
