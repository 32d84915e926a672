using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>--scaling</c>: each whole model at each thread count, KernelGen and ONNX Runtime passes interleaved after
/// two warm passes each, the median of the timed passes in a table (and every pass in the JSON file).
/// Each timed pass starts after a 50 ms pause: both sides' worker threads spin for a while after a pass (ONNX
/// Runtime's intra-op pool by default, KernelGen's for 1 ms), and on a host with as many cores as threads the other
/// side's spinning workers would otherwise share the cores of the pass being timed (measured on the 16-core Xeon,
/// 2026-12-02: the stack at 16 threads took 87.0 ms right after ONNX Runtime's pass, 56.1 ms in `--profile`).
/// For hosts without BenchmarkDotNet's patience: the 16-core Xeon of the GPU machine, from a device pack.
/// </summary>
internal static class ScalingMode
{
    private const int PauseMs = 50;

    public static int Run(ReadOnlySpan<string> args)
    {
        ModeOptions? options = ModeOptions.Parse(args, defaultThreads: [1, 2, 4, 8, 16], defaultPasses: 5);
        if (options is null)
        {
            return 2;
        }

        Host.Print("--scaling", options);
        Console.WriteLine("| model | threads | KernelGen ms (median) | ONNX Runtime ms (median) | ORT time / KernelGen time | KernelGen speed-up vs 1st row | ORT speed-up vs 1st row | max abs diff |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var results = new List<ScalingResult>();
        foreach (WholeModel model in options.Models)
        {
            ScalingResult? first = null;
            foreach (int threads in options.Threads)
            {
                ScalingResult result = Measure(options, model, threads, options.Passes);
                first ??= result;
                results.Add(result);
                Console.WriteLine(Invariant(
                    $"| {result.Model} | {threads} | {result.KernelGenMedianMs:F1} | {result.OnnxRuntimeMedianMs:F1} | {result.OnnxRuntimeMedianMs / result.KernelGenMedianMs:F2} | {first.KernelGenMedianMs / result.KernelGenMedianMs:F2} | {first.OnnxRuntimeMedianMs / result.OnnxRuntimeMedianMs:F2} | {result.MaxAbsDiff:G3} |"));
            }
        }

        if (options.JsonPath is not null)
        {
            var report = new { Host = Host.Describe(), options.Passes, Results = results };
            File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(report, Host.Json));
            Console.WriteLine($"wrote {options.JsonPath}");
        }

        return 0;
    }

    private static ScalingResult Measure(ModeOptions options, WholeModel model, int threads, int passes)
    {
        using ComparisonCase comparison = options.Create(model, threads);
        float difference = comparison.CheckAgreement(); // also the first warm pass of each side
        comparison.RunKernelGen();
        comparison.RunOnnxRuntime();
        var ours = new double[passes];
        var peer = new double[passes];
        for (int pass = 0; pass < passes; pass++)
        {
            Thread.Sleep(PauseMs);
            ours[pass] = Milliseconds(comparison.RunKernelGen);
            Thread.Sleep(PauseMs);
            peer[pass] = Milliseconds(comparison.RunOnnxRuntime);
        }

        return new ScalingResult(ModeOptions.NameOf(model), threads, Median(ours), Median(peer), ours, peer, difference);
    }

    private static double Milliseconds(Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    internal static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record ScalingResult(
        string Model, int Threads, double KernelGenMedianMs, double OnnxRuntimeMedianMs, double[] KernelGenMs, double[] OnnxRuntimeMs, float MaxAbsDiff);
}
