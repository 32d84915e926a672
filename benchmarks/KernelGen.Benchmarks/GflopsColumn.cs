using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KernelGen.Benchmarks;

/// <summary>Which time per operation a <see cref="GflopsColumn"/> divides the work by.</summary>
internal enum GflopsStatistic
{
    /// <summary>The mean iteration (BenchmarkDotNet's default statistic).</summary>
    Mean,

    /// <summary>The median iteration: on a shared machine, the figure least moved by other work.</summary>
    Median,

    /// <summary>The fastest iteration (the best-of figure DESIGN.md quotes for the peer).</summary>
    Best,
}

/// <summary>GFLOP/s (2·M·K·N per operation) from a benchmark's <c>Shape</c> parameter, at one <see cref="GflopsStatistic"/>.</summary>
internal sealed class GflopsColumn(GflopsStatistic statistic) : IColumn
{
    public string Id => "Gflops" + statistic;

    public string ColumnName => statistic switch
    {
        GflopsStatistic.Median => "GFLOP/s (median)",
        GflopsStatistic.Best => "GFLOP/s (best)",
        _ => "GFLOP/s",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)statistic;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"2·M·K·N / the {statistic.ToString().ToLowerInvariant()} iteration's time per operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters["Shape"] is not string shape)
        {
            return "-";
        }

        double nanoseconds = statistic switch
        {
            GflopsStatistic.Median => statistics.Median,
            GflopsStatistic.Best => statistics.Min,
            _ => statistics.Mean,
        };
        return (MatMulShape.Parse(shape).Flops / nanoseconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    // Only benchmarks with a product shape have a flop count (the row layers and whole models do not).
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(benchmarkCase => benchmarkCase.Parameters.Items.Any(parameter => parameter.Name == "Shape"));
}
