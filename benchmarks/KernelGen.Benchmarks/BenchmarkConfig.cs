using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace KernelGen.Benchmarks;

/// <summary>
/// A short in-process job for a 2-core machine: one launch, two warmups and ten iterations (the
/// kernels run for milliseconds to a second, so each iteration already averages many operations; ten
/// give a median that other work on a shared machine moves little), and GFLOP/s columns.
/// </summary>
public sealed class ShortCpuConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ShortCpuConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithId("ShortCpu"));
        AddColumn(StatisticColumn.Median);
        AddColumn(new GflopsColumn(GflopsStatistic.Mean), new GflopsColumn(GflopsStatistic.Median), new GflopsColumn(GflopsStatistic.Best));
        HideColumns(Column.Error, Column.StdDev, Column.RatioSD);
    }
}

/// <summary>The CI smoke job: one small shape, one warmup and three iterations, under a minute.</summary>
public sealed class SmokeCpuConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public SmokeCpuConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithId("SmokeCpu"));
        AddColumn(new GflopsColumn(GflopsStatistic.Mean), new GflopsColumn(GflopsStatistic.Best));
        HideColumns(Column.Error, Column.StdDev, Column.RatioSD);
    }
}
