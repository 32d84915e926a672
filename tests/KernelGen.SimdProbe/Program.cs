using System;
using System.Runtime.Intrinsics.X86;
using KernelGen;
using KernelGen.Runtime.Tests.Simd;

// Prints the path this process runs on, then one "name hash" line per workload.
Console.WriteLine(ProbeWorkload.Header(SimdPaths.Default, DetMath.IsHardwareFma, AvxVnni.IsSupported));
foreach ((string name, string hash) in ProbeWorkload.Run())
{
    Console.WriteLine($"{name} {hash}");
}
