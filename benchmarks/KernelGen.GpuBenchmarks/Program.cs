using System;
using System.Diagnostics;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;
using KernelGen.GpuBenchmarks;

// Prints one line per shape: "M K N microseconds TFLOP/s" for the generated kernel on device data.
// Usage: KernelGen.GpuBenchmarks [--ptx <directory> [--ptx-only]] [--rows M]   (--ptx also writes the kernels' PTX there)
using GpuDevice gpu = GpuDevice.OpenCuda();
int ptxIndex = Array.IndexOf(args, "--ptx");
if (ptxIndex >= 0 && ptxIndex + 1 < args.Length)
{
    PtxDump.Write(gpu, typeof(Linear4096x4096), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(Linear1024x64), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(Gelu768), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(Norm768), args[ptxIndex + 1]);
    if (args.Contains("--ptx-only"))
    {
        return 0;
    }
}

Console.WriteLine($"# KernelGen {ArithmeticVersion.Name} on {gpu.Name}, ILGPU O2, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine("# M K N us TFLOP/s");

(int M, Func<LinearLayer> Create)[] shapes =
[
    (1, () => new Linear4096x4096(seed: 1)),
    (16, () => new Linear1024x64(seed: 2)),
    (4800, () => new Linear1024x64(seed: 2)),
    (1024, () => new Linear768x768(seed: 3)),
    (1024, () => new Linear768x3072(seed: 4)),
    (1024, () => new Linear4096x4096(seed: 1)),
    (4096, () => new Linear4096x4096(seed: 1)),
];

// --rows M times only the shapes with M rows (for a profiler run).
int rowsIndex = Array.IndexOf(args, "--rows");
int? onlyRows = rowsIndex >= 0 && rowsIndex + 1 < args.Length ? int.Parse(args[rowsIndex + 1], CultureInfo.InvariantCulture) : null;
bool bitsIdentical = true;
foreach ((int m, Func<LinearLayer> create) in shapes)
{
    if (onlyRows is int only && only != m)
    {
        continue;
    }

    LinearLayer layer = create();
    using GpuLinearLayer onGpu = layer.ToGpu(gpu);
    float[] hostInput = new float[m * layer.InFeatures];
    new PhiloxRandom(seed: 9).Fill(hostInput, -1f, 1f);
    using MemoryBuffer1D<float, Stride1D.Dense> input = gpu.Accelerator.Allocate1D(hostInput);
    using MemoryBuffer1D<float, Stride1D.Dense> output = gpu.Accelerator.Allocate1D<float>((long)m * layer.OutFeatures);

    // Warm up (kernel compilation happens on the first launch), then time enough launches for ~0.5 s.
    for (int i = 0; i < 3; i++)
    {
        onGpu.Forward(input.View.AsContiguous(), output.View.AsContiguous());
    }

    gpu.Synchronize();
    var clock = Stopwatch.StartNew();
    int launches = 0;
    while (clock.Elapsed.TotalSeconds < 0.5 || launches < 10)
    {
        onGpu.Forward(input.View.AsContiguous(), output.View.AsContiguous());
        launches++;
        if (launches % 10 == 0)
        {
            gpu.Synchronize();
        }
    }

    gpu.Synchronize();
    double microseconds = clock.Elapsed.TotalMicroseconds / launches;
    double tflops = 2.0 * m * layer.InFeatures * layer.OutFeatures / (microseconds * 1e6);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m} {layer.InFeatures} {layer.OutFeatures} {microseconds:F1} {tflops:F2}"));

    // The timed kernel's output against the CPU kernels' bits for the same input.
    float[] gpuBits = output.GetAsArray1D();
    float[] cpuBits = layer.Forward(hostInput);
    int differing = 0;
    for (int i = 0; i < cpuBits.Length; i++)
    {
        differing += BitConverter.SingleToInt32Bits(cpuBits[i]) == BitConverter.SingleToInt32Bits(gpuBits[i]) ? 0 : 1;
    }

    bitsIdentical &= differing == 0;
    Console.WriteLine($"# {m}x{layer.InFeatures}x{layer.OutFeatures}: {differing} of {cpuBits.Length} outputs differ from the CPU's bits");
}

Console.WriteLine(bitsIdentical ? "# every shape: GPU bits == CPU bits" : "# BITS DIFFER between GPU and CPU");
return bitsIdentical ? 0 : 1;
