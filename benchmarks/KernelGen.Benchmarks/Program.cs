using BenchmarkDotNet.Running;

namespace KernelGen.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (<c>--filter</c>, <c>--job</c>, …), or a console mode:
/// <c>--scaling</c> (whole models at 1..16 threads) or <c>--profile</c> (time per kind of layer) or <c>--row-ops</c> (row layers per call) or <c>--exact-accuracy</c> (the exact tier's error against float64); see benchmarks/RESULTS.md.
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["--scaling", .. var rest]:
                return ScalingMode.Run(rest);
            case ["--profile", .. var rest]:
                return ProfileMode.Run(rest);
            case ["--row-ops", .. var rest]:
                return RowOpsMode.Run(rest);
            case ["--subnormal-probe"]:
                return SubnormalProbe.Run();
            case ["--exact-accuracy", .. var rest]:
                return ExactAccuracyMode.Run(rest);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
