using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Parity;

/// <summary>
/// A model trained-and-saved in PyTorch (tests/fixtures/residual_stack_w128.safetensors) loads by its
/// state-dict names, matches PyTorch's float64 answer as closely as PyTorch's own float32 does, and
/// gives fixed bits (a golden hash that changes only with the arithmetic version).
/// </summary>
public sealed class ResidualStackParityTests
{
    /// <summary>SHA-256 of the CPU output's float32 bits; KG-Bitwise-1.</summary>
    private const string GoldenSha256 = "3cc777ff5fdda26df6eb9c85232832e73eeb26326b56a5a6f7017b6676750c22";

    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "residual_stack_w128.safetensors");

    [Fact]
    public void Loads_by_PyTorch_names_and_is_as_accurate_as_PyTorch_float32()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file);
        float[] output = model.Forward(file.ReadSingles("input"));
        double[] reference = Array.ConvertAll(file.ReadSingles("reference_float64"), v => (double)v);
        float[] pytorch = file.ReadSingles("pytorch_float32_cpu");

        double ours = MaxAbsError(output, reference);
        double theirs = MaxAbsError(pytorch, reference);
        // The bound stated in docs/results/accuracy.md: within 2x PyTorch float32's error, and 5e-5 absolute.
        TestContext.Current.SendDiagnosticMessage($"max abs error vs float64: KernelGen {ours:E3}, PyTorch float32 {theirs:E3}");
        Assert.True(ours <= 2 * theirs && ours <= 5e-5, $"max abs error {ours:E3}; PyTorch float32 {theirs:E3}");
    }

    [Fact]
    public void Cpu_output_has_the_golden_hash_for_every_thread_count()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file);
        float[] input = file.ReadSingles("input");
        foreach (int threads in new[] { 1, 2, Environment.ProcessorCount })
        {
            float[] output = model.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = threads });
            string hash = Sha256(output);
            Assert.True(hash == GoldenSha256, $"SHA-256 {hash}");
        }
    }

    [Fact]
    public void Cpu_accelerator_gives_the_cpu_bits()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file);
        float[] input = file.ReadSingles("input").AsSpan(0, 5 * ResidualStackFixture.Width).ToArray();
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        BitAssert.Equal(model.Forward(input), model.Forward(device, input), "CPU accelerator");
    }

    [Fact]
    [Trait("Category", "Cuda")]
    public void Cuda_gives_the_cpu_bits()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file);
        float[] input = file.ReadSingles("input");
        BitAssert.Equal(model.Forward(input), model.Forward(CudaDevice.Get(), input), "CUDA");
    }

    private static double MaxAbsError(float[] actual, double[] reference) =>
        actual.Zip(reference, (a, r) => Math.Abs(a - r)).Max();

    internal static string Sha256(float[] values) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
}
