using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using KernelGen;
using KernelGen.Conformance;

// Usage: KernelGen.Conformance [--no-gpu] [--markdown <file>]
bool useGpu = !args.Contains("--no-gpu");
int markdownIndex = Array.IndexOf(args, "--markdown");
string? markdownPath = markdownIndex >= 0 && markdownIndex + 1 < args.Length ? args[markdownIndex + 1] : null;

string whyNoGpu = "disabled with --no-gpu";
using GpuDevice? gpu = useGpu ? GpuDevice.TryOpenCuda(out whyNoGpu) : null;
string[] paths = Enum.GetValues<SimdPath>().Where(p => p != SimdPath.Auto && SimdPaths.IsSupported(p)).Select(p => p.ToString()).ToArray();

var log = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    log.AppendLine(line);
}

Say($"KernelGen conformance, arithmetic {ArithmeticVersion.Name}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Say($"CPU: {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} threads, SIMD paths {string.Join(", ", paths)}, hardware FMA {DetMath.IsHardwareFma}; .NET {Environment.Version}");
Say($"GPU: {(gpu is null ? $"none ({whyNoGpu})" : $"{gpu.Name} (CUDA)")}");
Say(string.Empty);
Say("| K | N | bias | batches | outputs compared | CPU paths vs reference | CPU batches vs reference | GPU vs reference | SHA-256 CPU (300 rows) | SHA-256 GPU |");
Say("|---:|---:|:---:|---:|---:|---:|---:|---:|---|---|");

long compared = 0, mismatches = 0;
var clock = Stopwatch.StartNew();
ulong seed = 1;
foreach (Func<LinearLayer> create in ConformanceLayerRegistry.All)
{
    CaseResult r = new ConformanceCase(create(), gpu).Run(seed++);
    compared += r.OutputsCompared;
    mismatches += r.Mismatches;
    Say(string.Create(CultureInfo.InvariantCulture,
        $"| {r.InFeatures} | {r.OutFeatures} | {(r.HasBias ? "yes" : "no")} | {r.BatchesChecked} | {r.OutputsCompared} | {r.CpuPathMismatches} | {r.CpuBatchMismatches} | {(gpu is null ? "–" : r.GpuMismatches)} | `{r.CpuHash[..16]}` | {(r.GpuHash is null ? "–" : $"`{r.GpuHash[..16]}`")}{(r.GpuHash is not null && r.GpuHash != r.CpuHash ? " DIFFERS" : string.Empty)} |"));
}

Say(string.Empty);
Say(string.Create(CultureInfo.InvariantCulture,
    $"{ConformanceLayerRegistry.All.Count} layers, {compared} outputs compared, {mismatches} mismatches ({clock.Elapsed.TotalSeconds:F1} s)"));
if (markdownPath is not null)
{
    File.WriteAllText(markdownPath, log.ToString());
}

return mismatches == 0 ? 0 : 1;
