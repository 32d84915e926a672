using System;
using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;
using KernelGen.Generated;
using static KernelGen.GpuBenchmarks.BenchmarkOutput;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// <c>--exact</c>: the exact tier's GPU Linear forward (KG-Exact-1; products on the int8 tensor cores where the device
/// has them) against the Bitwise tier's GPU Linear of the same shape, device-resident, bias-free, median of
/// <see cref="Runs"/> synchronized calls after warm-up. TFLOP/s-equivalent = 2·M·K·N / time, whatever the arithmetic.
/// Lines <c>exact|bitwise|products-tc|products-scalar M K N us TFLOP/s</c> are comparable with
/// <c>benchmarks/gpu/torch_exact_peer.py</c>'s <c>torch</c> lines. The exact GPU output is compared bit for bit with
/// the exact CPU output (every shape with <c>--exact-check-all</c>, else the shapes of at most 1024·768·768 products).
/// </summary>
internal static class ExactBenchmark
{
    private const int Runs = 15;

    public static bool Run(GpuDevice gpu, bool checkAll)
    {
        bool tensorCores = ExactGpuKernels.HasTensorCores(gpu.Accelerator);
        Console.WriteLine($"# KernelGen {ArithmeticVersion.ExactName} vs {ArithmeticVersion.Name} on {gpu.Name}, exact products on {(tensorCores ? "int8 tensor cores (mma.sync.m16n8k32)" : "scalar int32 threads")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"# kind M K N us TFLOP/s-equivalent (median of {Runs} synchronized calls)");
        (int M, Func<LinearLayer> Exact, Func<LinearLayer> Bitwise)[] shapes =
        [
            (4096, () => new Exact4096x4096(seed: 1), () => new Linear4096x4096(seed: 1)),
            (1024, () => new Exact4096x4096(seed: 1), () => new Linear4096x4096(seed: 1)),
            (1024, () => new Exact768x768(seed: 3), () => new Linear768x768(seed: 3)),
            (1, () => new Exact4096x4096(seed: 1), () => new Linear4096x4096(seed: 1)),
        ];

        bool identical = true;
        foreach ((int m, Func<LinearLayer> createExact, Func<LinearLayer> createBitwise) in shapes)
        {
            LinearLayer exact = createExact();
            int k = exact.InFeatures, n = exact.OutFeatures;
            float[] hostInput = new float[m * k];
            new PhiloxRandom(seed: 9).Fill(hostInput, -1f, 1f);
            using MemoryBuffer1D<float, Stride1D.Dense> input = gpu.Accelerator.Allocate1D(hostInput);
            using MemoryBuffer1D<float, Stride1D.Dense> output = gpu.Accelerator.Allocate1D<float>((long)m * n);

            using (GpuLinearLayer onGpu = exact.ToGpu(gpu))
            {
                double us = Median(gpu, () => onGpu.Forward(input.View.AsContiguous(), output.View.AsContiguous()));
                Line("exact", m, k, n, us);
                if (checkAll || (long)m * k * n <= 1024L * 768 * 768)
                {
                    var clock = Stopwatch.StartNew();
                    float[] cpu = exact.Forward(hostInput);
                    int differing = Differing(cpu, output.GetAsArray1D());
                    identical &= differing == 0;
                    Console.WriteLine($"# exact {m}x{k}x{n}: {differing} of {cpu.Length} outputs differ from the exact CPU's bits (CPU forward {clock.ElapsedMilliseconds} ms)");
                }
            }

            LinearLayer bitwise = createBitwise();
            using (GpuLinearLayer onGpu = bitwise.ToGpu(gpu))
            {
                Line("bitwise", m, k, n, Median(gpu, () => onGpu.Forward(input.View.AsContiguous(), output.View.AsContiguous())));
            }

            ProductsAlone(gpu, m, k, n, tensorCores);
        }

        Console.WriteLine(identical ? "# every checked shape: exact GPU bits == exact CPU bits" : "# EXACT BITS DIFFER between GPU and CPU");
        return identical;
    }

    /// <summary>The products pass alone on random digit planes: the tensor-core kernel, and the scalar one where it takes under a second.</summary>
    private static void ProductsAlone(GpuDevice gpu, int m, int k, int n, bool tensorCores)
    {
        int planeLength = (k + 31) / 32 * 32;
        var shape = new ExactShape(m, n, k, planeLength, HasBias: 0, Activation: -1);
        int[] x = new int[m * planeLength]; // four planes of m rows of planeLength / 4 ints
        int[] w = new int[n * planeLength];
        var random = new Random(3);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(int.MinValue, int.MaxValue) & 0x3F7F7F7F; // top digits ≤ 63, the others ≤ 127
        }

        for (int i = 0; i < w.Length; i++)
        {
            w[i] = random.Next(int.MinValue, int.MaxValue) & 0x3F7F7F7F;
        }

        using MemoryBuffer1D<int, Stride1D.Dense> xPlanes = gpu.Accelerator.Allocate1D(x);
        using MemoryBuffer1D<int, Stride1D.Dense> wPlanes = gpu.Accelerator.Allocate1D(w);
        ExactGpuKernels? kernels = tensorCores ? ExactGpuKernels.Load(gpu.Accelerator, ExactProductsPath.TensorCores) : null;
        using MemoryBuffer1D<long, Stride1D.Dense> sums = gpu.Accelerator.Allocate1D<long>(kernels?.SumsLength(shape) ?? (long)m * n);
        if (kernels is not null)
        {
            Line("products-tc", m, k, n, Median(gpu, () => kernels.LaunchProducts(shape, xPlanes.View, wPlanes.View, sums.View)));
        }

        if ((long)m * k * n <= 1024L * 768 * 768 || m == 1)
        {
            ExactGpuKernels scalar = ExactGpuKernels.Load(gpu.Accelerator, ExactProductsPath.Scalar);
            Line("products-scalar", m, k, n, Median(gpu, () => scalar.LaunchProducts(shape, xPlanes.View, wPlanes.View, sums.View)));
        }
    }

    private static double Median(GpuDevice gpu, Action launch) =>
        StackTiming.Median(Runs, () =>
        {
            launch();
            gpu.Synchronize();
        }, before: gpu.Synchronize);

    private static void Line(string kind, int m, int k, int n, double us) =>
        Print($"{kind} {m} {k} {n} {us:F1} {2.0 * m * k * n / (us * 1e6):F2}");
}
