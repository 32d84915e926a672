using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>--row-ops</c>: each row layer alone (<see cref="RowOpCase"/>: GELU and LayerNorm over 1024 × 768 N(0, 1),
/// softmax over 32 × 12 × 128 × 128 N(0, 9), the residual add), KernelGen and a one-node ONNX Runtime graph, ms per
/// call at each thread count, measured the way the "row ops" table of <c>benchmarks/cpu/torch_cpu_models.py</c> is
/// (the same shapes and input scales; a pass of about 50 ms, two warm passes, the median pass), so that one device
/// call prints all three.
/// </summary>
internal static class RowOpsMode
{
    private const double TargetPassMs = 50;

    public static int Run(ReadOnlySpan<string> args)
    {
        ModeOptions? options = ModeOptions.Parse(args, defaultThreads: [1, 2, 4, 8, 16], defaultPasses: 3);
        if (options is null)
        {
            return 2;
        }

        Host.Print("--row-ops", options);
        Console.WriteLine("| op | threads | KernelGen ms per call (median) | ONNX Runtime ms per call (median) | ORT time / KernelGen time | max abs diff |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (RowOp op in Enum.GetValues<RowOp>())
        {
            foreach (int threads in options.Threads)
            {
                using var comparison = new RowOpCase(op, threads);
                float difference = comparison.CheckAgreement();
                double ours = PerCall(comparison.RunKernelGen, options.Passes);
                double peer = PerCall(comparison.RunOnnxRuntime, options.Passes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {op} | {threads} | {ours:F3} | {peer:F3} | {peer / ours:F2} | {difference:G3} |"));
            }
        }

        return 0;
    }

    /// <summary>The median over <paramref name="passes"/> passes of the ms per call, each pass about <see cref="TargetPassMs"/> long.</summary>
    private static double PerCall(Action call, int passes)
    {
        call();
        var clock = Stopwatch.StartNew();
        call();
        int calls = (int)Math.Clamp(TargetPassMs / Math.Max(clock.Elapsed.TotalMilliseconds, 1e-3), 1, 10_000);
        double[] times = new double[passes];
        for (int pass = -2; pass < passes; pass++)
        {
            Thread.Sleep(20); // the other side's spinning workers go to sleep first
            clock.Restart();
            for (int i = 0; i < calls; i++)
            {
                call();
            }

            if (pass >= 0)
            {
                times[pass] = clock.Elapsed.TotalMilliseconds / calls;
            }
        }

        return ScalingMode.Median(times);
    }
}
