using BenchmarkDotNet.Running;

namespace KernelGen.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (<c>--filter</c>, <c>--job</c>, …).</summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
