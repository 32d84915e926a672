using System;
using KernelGen;
using LinearBatch;

// The linear-batch case: PyTorch on an H100 gives different bits for f(x)[:n] and f(x[:n]) in
// 5 of 16 prefixes. KernelGen's kernels never split a dot product, so every prefix is identical,
// on the CPU and on the GPU, and the CPU and GPU bits are the same.
const int Batch = 16, Sequence = 300, In = 1024;

var layer = new Projection(seed: 0);
Console.WriteLine($"KernelGen arithmetic {ArithmeticVersion.Name}: Linear({layer.InFeatures} -> {layer.OutFeatures}), weights uniform(±1/32) from Philox seed 0");
Console.WriteLine($"CPU: {SimdPaths.Default} path, {Environment.ProcessorCount} threads, hardware FMA: {DetMath.IsHardwareFma}");

using GpuDevice? gpu = GpuDevice.TryOpenCuda(out string whyNoGpu);
using GpuLinearLayer? onGpu = gpu is null ? null : layer.ToGpu(gpu);
Console.WriteLine(gpu is null ? $"GPU: none ({whyNoGpu})" : $"GPU: {gpu.Name} (CUDA)");

var inputs = new (string Name, Tensor X)[]
{
    ("ones", Tensor.Full(1f, Batch, Sequence, In)),
    ("uniform(-1, 1), Philox seed 1", Tensor.Uniform(new PhiloxRandom(seed: 1), -1f, 1f, Batch, Sequence, In)),
};

bool allIdentical = true;
foreach ((string name, Tensor x) in inputs)
{
    Console.WriteLine();
    Console.WriteLine($"x = {name}, shape {x.ShapeString}");
    var cpu = new PrefixReport($"CPU ({SimdPaths.Default})", t => layer.Forward(t));
    cpu.Run(x);
    Console.WriteLine($"  SHA-256 of f(x) on CPU: {PrefixReport.Sha256(cpu.Full)}");
    allIdentical &= cpu.Identical == Batch;

    if (onGpu is not null)
    {
        var cuda = new PrefixReport(gpu!.Name, t => onGpu.Forward(t));
        cuda.Run(x);
        bool same = PrefixReport.BitsEqual(cpu.Full.Span, cuda.Full.Span);
        Console.WriteLine($"  SHA-256 of f(x) on GPU: {PrefixReport.Sha256(cuda.Full)}");
        Console.WriteLine($"  CPU bits == GPU bits: {(same ? "yes" : "NO")} ({cpu.Full.Length} outputs)");
        Console.WriteLine($"  {cuda.Verdict}");
        allIdentical &= same && cuda.Identical == Batch;
    }

    Console.WriteLine($"  {cpu.Verdict}");
}

return allIdentical ? 0 : 1;
