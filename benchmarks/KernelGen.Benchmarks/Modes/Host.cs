using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>What the console modes print about the machine first, and put in their JSON.</summary>
internal static class Host
{
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static object Describe() => new
    {
        Date = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
        Machine = Environment.MachineName,
        Cpu = CpuName(),
        Environment.ProcessorCount,
        Os = RuntimeInformation.OSDescription,
        Dotnet = RuntimeInformation.FrameworkDescription,
        SimdPath = SimdPaths.Default.ToString(),
        KernelGenArithmetic = ArithmeticVersion.Name,
        OnnxRuntime = OrtEnv.Instance().GetVersionString(),
    };

    public static void Print(string mode, ModeOptions options)
    {
        Console.WriteLine($"KernelGen.Benchmarks {mode}: {string.Join(", ", options.Models.Select(ModeOptions.NameOf))} at {string.Join(", ", options.Threads)} thread(s), {options.Passes} timed passes");
        Console.WriteLine(JsonSerializer.Serialize(Describe(), Json));
    }

    private static string CpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        string? line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
