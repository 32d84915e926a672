using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace KernelGen.Benchmarks;

/// <summary>Softmax over the attention scores' rows (32 × 12 × 128 rows of 128), as a layer of its own.</summary>
[Softmax(RowOpsMode.Sequence)]
public sealed partial class ScoresSoftmax;

/// <summary>
/// <c>--row-ops</c>: KernelGen's row layers alone, ms per call at each thread count, on the shapes and input scales of
/// the "row ops" table of <c>benchmarks/cpu/torch_cpu_models.py</c> (GELU and LayerNorm over 1024 × 768 N(0, 1),
/// softmax over 32 × 12 × 128 × 128 N(0, 9), the residual add over 1024 × 768), so that one device call prints both
/// sides. Like the script: each pass makes enough calls to last about 50 ms, two warm passes, the median pass.
/// </summary>
internal static class RowOpsMode
{
    public const int Sequence = 128;
    private const int Rows = 1024, Width = 768, Batch = 32, Heads = 12;
    private const double TargetPassMs = 50;

    public static int Run(ReadOnlySpan<string> args)
    {
        ModeOptions? options = ModeOptions.Parse(args, defaultThreads: [1, 2, 4, 8, 16], defaultPasses: 3);
        if (options is null)
        {
            return 2;
        }

        Host.Print("--row-ops", options);
        var random = new PhiloxRandom(seed: 2024);
        float[] a = Normal(random, Rows * Width, 1f), r = Normal(random, Rows * Width, 1f);
        float[] scores = Normal(random, Batch * Heads * Sequence * Sequence, 3f);
        float[] output = new float[scores.Length];
        var gelu = new StackGelu();
        var norm = new StackNorm();
        var softmax = new ScoresSoftmax();
        (string Name, Action<CpuExecutionOptions> Call)[] ops =
        [
            ("gelu 1024x768", o => gelu.Forward(a, output.AsSpan(0, a.Length), o)),
            ("layernorm 1024x768", o => norm.Forward(a, output.AsSpan(0, a.Length), o)),
            ("softmax 32x12x128x128", o => softmax.Forward(scores, output, o)),
            ("add 1024x768", o => Elementwise.Add(a, r, output.AsSpan(0, a.Length), o)),
        ];

        Console.WriteLine("| op | threads | KernelGen ms per call (median) | calls per pass |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach ((string name, Action<CpuExecutionOptions> call) in ops)
        {
            foreach (int threads in options.Threads)
            {
                var cpu = new CpuExecutionOptions { MaxDegreeOfParallelism = threads };
                int calls = CallsPerPass(() => call(cpu));
                double[] passes = new double[options.Passes];
                for (int pass = -2; pass < options.Passes; pass++)
                {
                    Thread.Sleep(20); // the previous pass's spinning workers go to sleep first
                    var clock = Stopwatch.StartNew();
                    for (int i = 0; i < calls; i++)
                    {
                        call(cpu);
                    }

                    if (pass >= 0)
                    {
                        passes[pass] = clock.Elapsed.TotalMilliseconds / calls;
                    }
                }

                Array.Sort(passes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {threads} | {passes[passes.Length / 2]:F3} | {calls} |"));
            }
        }

        return 0;
    }

    private static int CallsPerPass(Action call)
    {
        call();
        var clock = Stopwatch.StartNew();
        call();
        return (int)Math.Clamp(TargetPassMs / Math.Max(clock.Elapsed.TotalMilliseconds, 1e-3), 1, 10_000);
    }

    private static float[] Normal(PhiloxRandom random, int count, float standardDeviation)
    {
        var values = new float[count];
        random.FillNormal(values, 0f, standardDeviation);
        return values;
    }
}
