using System;
using System.Globalization;

namespace KernelGen.ServingBenchmarks;

/// <summary>One server configuration under load.</summary>
/// <param name="Label">What was run.</param>
/// <param name="Sentences">Sentences embedded.</param>
/// <param name="Elapsed">Wall time from the first request to the last answer.</param>
/// <param name="P50">Median request latency.</param>
/// <param name="P99">99th-percentile request latency.</param>
/// <param name="Batches">Forward passes run.</param>
/// <param name="Differing">Responses whose bits differ from their sentence alone (must be 0).</param>
internal sealed record LoadResult(string Label, int Sentences, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, int Batches, int Differing)
{
    public const string Header =
        "| server | sentences | sentences/s | p50 ms | p99 ms | batches | mean batch | differing from alone |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Label} | {Sentences} | {Sentences / Elapsed.TotalSeconds:F1} | {P50.TotalMilliseconds:F1} | {P99.TotalMilliseconds:F1} | {Batches} | {(double)Sentences / Math.Max(Batches, 1):F2} | {Differing} |");
}
