using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using KernelGen.Fuzzing;

// Fuzzes the ONNX reader for a while and prints what happened:
//   dotnet run -c Release --project tests/KernelGen.OnnxFuzz -- --seconds 300 [--seed 1] [--out dir]
// Exit code 0: every input was either rejected with OnnxFormatException or read exactly as an independent decoder reads it.
// Exit code 1: a failure; its input is written to <out>/failure-<seed>.onnx.
int seconds = 60;
int seed = 1;
string output = Directory.GetCurrentDirectory();
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--out": output = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var fuzzer = new OnnxFuzzer(seed);
Console.WriteLine($"ONNX fuzz: seed {seed}, {seconds} s, {OnnxFuzzer.SeedFiles().Count} seed files, .NET {Environment.Version}, {Environment.ProcessorCount} cores");
var clock = Stopwatch.StartNew();
int exitCode = 0;
try
{
    fuzzer.RunWatched(TimeSpan.FromSeconds(seconds), checkLimit: TimeSpan.FromSeconds(10));
}
catch (FuzzFailureException failure)
{
    string path = Path.Combine(output, $"failure-{seed}.onnx");
    File.WriteAllBytes(path, failure.Input);
    Console.WriteLine($"FAILURE: {failure.Message}");
    Console.WriteLine($"input written to {path}");
    if (failure.InnerException is not null)
    {
        Console.WriteLine(failure.InnerException);
    }

    exitCode = 1;
}

double elapsed = clock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"iterations: {fuzzer.Iterations:N0} in {elapsed:F1} s ({fuzzer.Iterations / elapsed:N0}/s)");
Console.WriteLine($"corpus: {fuzzer.CorpusSize} inputs (seeds + mutants with a new outcome)");
// The slowest check is usually a JIT or GC pause: time its input again to tell.
var again = new OnnxFuzzer(seed);
double[] retimed = Enumerable.Range(0, 5).Select(_ =>
{
    var one = Stopwatch.StartNew();
    again.Check(fuzzer.SlowestInput);
    return one.Elapsed.TotalMilliseconds;
}).Order().ToArray();
Console.WriteLine($"slowest check: {fuzzer.Slowest.Milliseconds:F2} ms ({fuzzer.Slowest.InputLength} bytes); the same input again: {retimed[2]:F3} ms (median of 5)");
Console.WriteLine();
Console.WriteLine("outcomes:");
foreach ((string outcome, long count) in fuzzer.Outcomes)
{
    Console.WriteLine($"  {count,12:N0}  {outcome}");
}

Console.WriteLine();
const int Shown = 80;
Console.WriteLine($"distinct rejection messages (numbers as #, quoted names as '…'): {fuzzer.Messages.Count}; the {Math.Min(Shown, fuzzer.Messages.Count)} most frequent:");
foreach ((string message, long count) in fuzzer.Messages.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Take(Shown))
{
    Console.WriteLine($"  {count,12:N0}  {message}");
}

return exitCode;
