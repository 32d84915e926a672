using System;
using System.Diagnostics;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;
using KernelGen.Generated;
using KernelGen.GpuBenchmarks;

// Prints one line per shape: "M K N microseconds TFLOP/s" for the generated kernel on device data.
// Usage: KernelGen.GpuBenchmarks [--ptx <directory> [--ptx-only]] [--rows M] [--tiles]
//        KernelGen.GpuBenchmarks --stack [--export <directory>]
//        KernelGen.GpuBenchmarks --minilm <model.onnx> [--export <directory>]
//        KernelGen.GpuBenchmarks --exact [--exact-check-all]
//        KernelGen.GpuBenchmarks --minilm-tiers
//   --ptx also writes the kernels' PTX there; --tiles also times every tiled kernel on each batch of 32 rows or more.
//   --stack times the residual stack instead (ResidualStackBenchmark); --export writes its weights, input and the
//   CPU's output for benchmarks/gpu/torch_residual_stack.py.
//   --minilm times all-MiniLM-L6-v2 (32 x 128 tokens) from its ONNX export; --export writes its ids and hidden state
//   for benchmarks/gpu/torch_minilm.py.
//   --exact times the exact tier's GPU Linear (KG-Exact-1) against the Bitwise tier's (ExactBenchmark); compare with
//   benchmarks/gpu/torch_exact_peer.py (benchmarks/gpu/run_exact.sh runs both).
//   --minilm-tiers runs the MiniLM module with random weights in both arithmetic tiers: GPU bits == CPU bits, times.
using GpuDevice gpu = GpuDevice.OpenCuda();
int exportIndex = Array.IndexOf(args, "--export");
string? exportDirectory = exportIndex >= 0 && exportIndex + 1 < args.Length ? args[exportIndex + 1] : null;
if (args.Contains("--stack"))
{
    return ResidualStackBenchmark.Run(gpu, exportDirectory) ? 0 : 1;
}

if (args.Contains("--exact"))
{
    return ExactBenchmark.Run(gpu, args.Contains("--exact-check-all")) ? 0 : 1;
}

if (args.Contains("--minilm-tiers"))
{
    return MiniLmTiersBenchmark.Run(gpu) ? 0 : 1;
}

if (args.Contains("--minilm-kinds"))
{
    MiniLmBenchmark.Kinds(gpu);
    return 0;
}

int miniLmIndex = Array.IndexOf(args, "--minilm");
if (miniLmIndex >= 0 && miniLmIndex + 1 < args.Length)
{
    return MiniLmBenchmark.Run(gpu, args[miniLmIndex + 1], exportDirectory) ? 0 : 1;
}

int ptxIndex = Array.IndexOf(args, "--ptx");
if (ptxIndex >= 0 && ptxIndex + 1 < args.Length)
{
    PtxDump.Write(gpu, typeof(Linear4096x4096), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(Linear1024x64), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(Gelu768), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(Norm768), args[ptxIndex + 1]);
    PtxDump.Write(gpu, typeof(StackNormResidual), args[ptxIndex + 1]);
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

    float[] cpuBits = layer.Forward(hostInput);
    double microseconds = Time(() => onGpu.Forward(input.View.AsContiguous(), output.View.AsContiguous()));
    double tflops = 2.0 * m * layer.InFeatures * layer.OutFeatures / (microseconds * 1e6);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m} {layer.InFeatures} {layer.OutFeatures} {microseconds:F1} {tflops:F2}"));
    int differing = DifferingThenPoisoned(cpuBits, output);
    bitsIdentical &= differing == 0;
    TiledGpuKernel? chosen = onGpu.Kernels.Choose(m, layer.OutFeatures);
    string kernel = chosen is null ? (LinearGpuKernels.StagesWeight(m, layer.OutFeatures) ? "staged" : "per-output") : $"tiled {chosen.TileRows}x{chosen.TileColumns}";
    Console.WriteLine($"# {m}x{layer.InFeatures}x{layer.OutFeatures} ({kernel}): {differing} of {cpuBits.Length} outputs differ from the CPU's bits");

    // --tiles: every tiled kernel of the layer on this batch, each checked against the CPU's bits too.
    if (args.Contains("--tiles") && m >= LinearGpuKernels.TiledMinimumRows)
    {
        // The input 4 bytes off a 16-byte boundary: the kernels stage it with 32-bit loads.
        using MemoryBuffer1D<float, Stride1D.Dense> shifted = gpu.Accelerator.Allocate1D<float>(hostInput.Length + 1);
        shifted.View.SubView(1, hostInput.Length).CopyFromCPU(hostInput);
        double shiftedMicroseconds = Time(() => onGpu.Forward(shifted.View.SubView(1, hostInput.Length).AsContiguous(), output.View.AsContiguous()));
        int shiftedDiffering = DifferingThenPoisoned(cpuBits, output);
        bitsIdentical &= shiftedDiffering == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#   unaligned input: {shiftedMicroseconds:F1} us, {shiftedDiffering} outputs differ"));
        foreach (TiledGpuKernel tile in onGpu.Kernels.Tiles)
        {
            double tileMicroseconds = Time(() => onGpu.Forward(input.View.AsContiguous(), output.View.AsContiguous(), tile));
            int tileDiffering = DifferingThenPoisoned(cpuBits, output);
            bitsIdentical &= tileDiffering == 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#   tile {tile.TileRows}x{tile.TileColumns}: {tileMicroseconds:F1} us, {2.0 * m * layer.InFeatures * layer.OutFeatures / (tileMicroseconds * 1e6):F2} TFLOP/s, {tile.Groups(m, layer.OutFeatures)} groups, {tileDiffering} outputs differ"));
        }
    }
}

Console.WriteLine(bitsIdentical ? "# every shape: GPU bits == CPU bits" : "# BITS DIFFER between GPU and CPU");
return bitsIdentical ? 0 : 1;

// Warms up (kernel compilation happens on the first launch), then times enough launches for ~0.5 s: microseconds per launch.
double Time(Action launch)
{
    for (int i = 0; i < 3; i++)
    {
        launch();
    }

    gpu.Synchronize();
    var clock = Stopwatch.StartNew();
    int launches = 0;
    while (clock.Elapsed.TotalSeconds < 0.5 || launches < 10)
    {
        launch();
        launches++;
        if (launches % 10 == 0)
        {
            gpu.Synchronize();
        }
    }

    gpu.Synchronize();
    return clock.Elapsed.TotalMicroseconds / launches;
}

// The outputs whose bits differ from the CPU kernels' for the same input; the output is then poisoned for the next launch.
static int DifferingThenPoisoned(float[] cpuBits, MemoryBuffer1D<float, Stride1D.Dense> output)
{
    float[] gpuBits = output.GetAsArray1D();
    int differing = BenchmarkOutput.Differing(cpuBits, gpuBits);

    Array.Fill(gpuBits, BitConverter.Int32BitsToSingle(-1)); // a NaN no kernel writes
    output.CopyFromCPU(gpuBits);
    return differing;
}
