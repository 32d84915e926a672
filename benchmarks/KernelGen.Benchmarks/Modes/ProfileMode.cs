using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>--profile</c>: where each whole model's time goes, per kind of layer. KernelGen: a <see cref="LayerClock"/>
/// lap after every layer of the model's own forward pass. ONNX Runtime: its profiler's per-node kernel times,
/// summed by operator (after ONNX Runtime's fusions: the operators it actually ran). Both are per pass, averaged
/// over the timed passes after one warm pass.
/// </summary>
internal static class ProfileMode
{
    public static int Run(ReadOnlySpan<string> args)
    {
        ModeOptions? options = ModeOptions.Parse(args, defaultThreads: [1, 2], defaultPasses: 3);
        if (options is null)
        {
            return 2;
        }

        Host.Print("--profile", options);
        var profiles = new List<object>();
        foreach (WholeModel model in options.Models)
        {
            foreach (int threads in options.Threads)
            {
                (string Kind, double Ms)[] ours = ProfileKernelGen(options, model, threads, options.Passes);
                (string Kind, double Ms)[] peer = ProfileOnnxRuntime(model, threads, options.Passes);
                Console.WriteLine();
                Console.WriteLine($"{ModeOptions.NameOf(model)}, {threads} thread(s), ms per pass (mean of {options.Passes}):");
                Print("KernelGen layer kind", ours);
                Print("ONNX Runtime operator", peer);
                profiles.Add(new { Model = ModeOptions.NameOf(model), Threads = threads, KernelGen = ToJson(ours), OnnxRuntime = ToJson(peer) });
            }
        }

        if (options.JsonPath is not null)
        {
            File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(new { Host = Host.Describe(), options.Passes, Profiles = profiles }, Host.Json));
            Console.WriteLine($"wrote {options.JsonPath}");
        }

        return 0;
    }

    private static (string Kind, double Ms)[] ProfileKernelGen(ModeOptions options, WholeModel model, int threads, int passes)
    {
        using ComparisonCase comparison = options.Create(model, threads);
        comparison.CheckAgreement(); // and the warm pass
        comparison.Clock = new LayerClock();
        for (int pass = 0; pass < passes; pass++)
        {
            comparison.RunKernelGen();
        }

        return [.. comparison.Clock.Totals().Select(total => (Label(total.Kind), total.Milliseconds / passes))];
    }

    private static (string Kind, double Ms)[] ProfileOnnxRuntime(WholeModel model, int threads, int passes)
    {
        string prefix = Path.Combine(Path.GetTempPath(), $"kernelgen-ort-profile-{Environment.ProcessId}");
        string file;
        using (ComparisonCase comparison = ModeOptions.Default.Create(model, threads, prefix))
        {
            comparison.RunOnnxRuntime(); // the warm pass, left out below
            for (int pass = 0; pass < passes; pass++)
            {
                comparison.RunOnnxRuntime();
            }

            file = comparison.Onnx.EndProfiling();
        }

        try
        {
            return OperatorTimes(file, passes);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Sums the <c>*_kernel_time</c> node events of every <c>model_run</c> but the first by operator. The profile
    /// is a JSON array of trace events: <c>{"cat": "Node", "name": "…_kernel_time", "ts": µs, "dur": µs,
    /// "args": {"op_name": "MatMul", …}}</c>, and one <c>{"cat": "Session", "name": "model_run", …}</c> per run.
    /// </summary>
    private static (string Kind, double Ms)[] OperatorTimes(string file, int passes)
    {
        using JsonDocument profile = JsonDocument.Parse(File.ReadAllBytes(file));
        JsonElement[] events = [.. profile.RootElement.EnumerateArray()];
        long[] runStarts = [.. events
            .Where(e => e.GetProperty("cat").GetString() == "Session" && e.GetProperty("name").GetString() == "model_run")
            .Select(e => e.GetProperty("ts").GetInt64())
            .Order()];
        if (runStarts.Length != passes + 1)
        {
            throw new InvalidOperationException($"{file}: {runStarts.Length} model_run events; expected {passes + 1}.");
        }

        var microseconds = new Dictionary<string, double>();
        foreach (JsonElement e in events)
        {
            if (e.GetProperty("cat").GetString() == "Node"
                && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal)
                && e.GetProperty("ts").GetInt64() >= runStarts[1])
            {
                string op = e.GetProperty("args").GetProperty("op_name").GetString()!;
                microseconds[op] = microseconds.GetValueOrDefault(op) + e.GetProperty("dur").GetDouble();
            }
        }

        return [.. microseconds.OrderByDescending(pair => pair.Value).Select(pair => (pair.Key, pair.Value / 1e3 / passes))];
    }

    private static void Print(string header, (string Kind, double Ms)[] times)
    {
        double total = times.Sum(time => time.Ms);
        Console.WriteLine($"  | {header} | ms | share |");
        Console.WriteLine("  |---|---:|---:|");
        foreach ((string kind, double ms) in times)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  | {kind} | {ms:F2} | {ms / total:P1} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  | total | {total:F2} | |"));
    }

    private static Dictionary<string, double> ToJson((string Kind, double Ms)[] times) => times.ToDictionary(time => time.Kind, time => time.Ms);

    private static string Label(LayerKind kind) => kind switch
    {
        LayerKind.Gelu => "GELU",
        LayerKind.ResidualAdd => "residual add",
        LayerKind.LinearGelu => "Linear + GELU (fused)",
        LayerKind.NormResidual => "LayerNorm + residual add (fused)",
        _ => kind.ToString(),
    };
}
