using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Xunit;

namespace KernelGen.Runtime.Tests.Simd;

/// <summary>
/// The same layers give the same bits in child processes whose instruction sets are cut down by
/// .NET's ISA switches (DESIGN.md lists what each switch does in .NET 10).
/// </summary>
[Trait("Category", "ChildProcess")]
public class SimdWidthTests
{
    /// <summary>
    /// ISA switches (<c>NAME=value</c>, several separated by spaces) and what the child must report under them,
    /// relative to this (parent) process.
    /// </summary>
    public static TheoryData<string> Switches => new()
    {
        "DOTNET_EnableAVX512=0",
        "DOTNET_PreferredVectorBitWidth=256",
        "DOTNET_EnableAVX2=0", // also turns off FMA: the exact software FMA runs
        "DOTNET_EnableHWIntrinsic=0",
        "DOTNET_EnableAVXVNNI=0", // the exact tier's products without vpdpwssd
        "DOTNET_EnableAVX512=0 DOTNET_EnableAVXVNNI=0", // Vector256 without vpdpwssd, where the parent has it
        $"{SimdPaths.EnvironmentVariable}=vector128",
        $"{SimdPaths.EnvironmentVariable}=scalar",
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public void Child_process_with_narrower_isa_gives_the_same_bits(string switches)
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            Assert.Skip("These switches are .NET's x86 ISA switches; this process has no x86 FMA to switch off.");
        }

        Dictionary<string, string> settings = switches.Split(' ').Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
        (string header, Dictionary<string, string> hashes) = RunProbe(settings);

        Assert.Equal(ExpectedHeader(settings), header);
        Dictionary<string, string> expected = ProbeWorkload.Run().ToDictionary(w => w.Name, w => w.Hash);
        Assert.Equal(expected, hashes);
    }

    // What DESIGN.md measured for each switch in .NET 10, applied to this machine's instruction set.
    private static string ExpectedHeader(Dictionary<string, string> settings)
    {
        SimdPath widestBelow512 = SimdPaths.IsSupported(SimdPath.Vector256) ? SimdPath.Vector256 : SimdPath.Vector128;
        SimdPath path = SimdPaths.Default;
        bool hardwareFma = DetMath.IsHardwareFma;
        bool avxVnni = AvxVnni.IsSupported;
        foreach ((string variable, string value) in settings)
        {
            switch (variable, value)
            {
                case ("DOTNET_EnableAVX512", _) or ("DOTNET_PreferredVectorBitWidth", _):
                    path = widestBelow512;
                    break;
                case ("DOTNET_EnableAVX2", _) or ("DOTNET_EnableHWIntrinsic", _):
                    (path, hardwareFma, avxVnni) = (SimdPath.Scalar, false, false);
                    break;
                case ("DOTNET_EnableAVXVNNI", _):
                    avxVnni = false;
                    break;
                case (_, "vector128"):
                    path = SimdPath.Vector128;
                    break;
                default:
                    path = SimdPath.Scalar;
                    break;
            }
        }

        return ProbeWorkload.Header(path, hardwareFma, avxVnni);
    }

    [Fact]
    public void Child_process_without_switches_gives_the_in_process_bits()
    {
        (string header, Dictionary<string, string> hashes) = RunProbe(new Dictionary<string, string>());

        Assert.Equal(ProbeWorkload.Header(SimdPaths.Default, DetMath.IsHardwareFma, AvxVnni.IsSupported), header);
        Assert.Equal(ProbeWorkload.Run().ToDictionary(w => w.Name, w => w.Hash), hashes);
    }

    private static (string Header, Dictionary<string, string> Hashes) RunProbe(Dictionary<string, string> settings)
    {
        string? host = FindDotnetHost();
        if (host is null)
        {
            Assert.Skip("No 'dotnet' host to start the SIMD probe with (a self-contained test run, as on the GPU machine).");
        }

        string probe = Path.Combine(AppContext.BaseDirectory, "simd-probe", "KernelGen.SimdProbe.dll");
        Assert.True(File.Exists(probe), $"The SIMD probe was not copied next to the tests: {probe}");

        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(probe);
        foreach (string inherited in new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic", "DOTNET_EnableAVXVNNI", "DOTNET_PreferredVectorBitWidth", SimdPaths.EnvironmentVariable })
        {
            start.Environment.Remove(inherited);
        }

        foreach ((string variable, string value) in settings)
        {
            start.Environment[variable] = value;
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the SIMD probe did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"the SIMD probe failed ({string.Join(' ', settings.Select(s => $"{s.Key}={s.Value}"))}): {error}");

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hashes = lines.Skip(1).Select(line => line.Split(' ')).ToDictionary(parts => parts[0], parts => parts[1]);
        return (lines[0], hashes);
    }

    private static string? FindDotnetHost()
    {
        string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        // The shared runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host in <root>.
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : null;
    }
}
