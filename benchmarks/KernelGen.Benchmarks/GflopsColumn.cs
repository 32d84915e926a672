using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KernelGen.Benchmarks;

/// <summary>
/// GFLOP/s (2·M·K·N per operation) from a benchmark's <c>Shape</c> parameter, at the mean or at
/// the fastest iteration (the best-of figure DESIGN.md quotes for the peer).
/// </summary>
internal sealed class GflopsColumn(bool best) : IColumn
{
    public string Id => best ? "GflopsBest" : "Gflops";

    public string ColumnName => best ? "GFLOP/s (best)" : "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => best ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => best ? "2·M·K·N / fastest iteration's time per operation" : "2·M·K·N / mean time per operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters["Shape"] is not string shape)
        {
            return "-";
        }

        double nanoseconds = best ? statistics.Min : statistics.Mean;
        return (MatMulShape.Parse(shape).Flops / nanoseconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
