using System;
using System.IO;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Parity;

/// <summary>
/// The PyTorch-saved residual stack (tests/fixtures/residual_stack_w128.safetensors) with its 40 Linear layers in
/// KG-Exact-1: at least as accurate against PyTorch's float64 answer as the Bitwise tier, fixed bits (a golden hash
/// for every thread count, a row alone as in the batch), and the same bits on ILGPU's CPU accelerator and on CUDA.
/// </summary>
public sealed class ExactResidualStackTests
{
    /// <summary>SHA-256 of the CPU output's float32 bits; KG-Bitwise-1 row layers with KG-Exact-1 Linear layers.</summary>
    private const string GoldenSha256 = "a05d15e9780b4bfeae3767c55d87aa930043d9bb9236e7ac9bb4b271054430e8";

    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "residual_stack_w128.safetensors");

    [Fact]
    public void Exact_tier_is_at_least_as_accurate_as_the_bitwise_tier()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        float[] input = file.ReadSingles("input");
        double[] reference = Array.ConvertAll(file.ReadSingles("reference_float64"), v => (double)v);
        Errors exact = Errors.Of(new ResidualStackFixture(file, KernelArithmetic.Exact).Forward(input), reference);
        Errors bitwise = Errors.Of(new ResidualStackFixture(file).Forward(input), reference);
        Errors pytorch = Errors.Of(file.ReadSingles("pytorch_float32_cpu"), reference);

        string report = $"abs error vs float64 (median, max): exact {exact}, bitwise {bitwise}, PyTorch float32 {pytorch}";
        TestContext.Current.SendDiagnosticMessage(report);
        Assert.True(exact.Median <= bitwise.Median && exact.Max <= bitwise.Max, report);
    }

    [Fact]
    public void Exact_tier_has_the_golden_hash_for_every_thread_count_and_a_row_alone_its_batch_bits()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file, KernelArithmetic.Exact);
        float[] input = file.ReadSingles("input");
        float[] batch = model.Forward(input);
        foreach (int threads in new[] { 1, 2, Environment.ProcessorCount })
        {
            string hash = ResidualStackParityTests.Sha256(model.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = threads }));
            Assert.True(hash == GoldenSha256, $"{threads} thread(s): SHA-256 {hash}");
        }

        const int width = ResidualStackFixture.Width;
        foreach (int row in new[] { 0, 31, 95 })
        {
            float[] alone = model.Forward(input.AsSpan(row * width, width));
            BitAssert.Equal(batch.AsSpan(row * width, width).ToArray(), alone, $"row {row} alone");
        }
    }

    [Fact]
    public void Exact_tier_on_the_cpu_accelerator_gives_the_cpu_bits()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file, KernelArithmetic.Exact);
        float[] input = file.ReadSingles("input").AsSpan(0, 5 * ResidualStackFixture.Width).ToArray();
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        BitAssert.Equal(model.Forward(input), model.Forward(device, input), "KG-Exact-1 stack, CPU accelerator");
    }

    [Fact]
    [Trait("Category", "Cuda")]
    public void Exact_tier_on_cuda_gives_the_cpu_bits()
    {
        using SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        var model = new ResidualStackFixture(file, KernelArithmetic.Exact);
        float[] input = file.ReadSingles("input");
        BitAssert.Equal(model.Forward(input), model.Forward(CudaDevice.Get(), input), "KG-Exact-1 stack, CUDA");
    }

    private readonly record struct Errors(double Median, double Max)
    {
        public static Errors Of(float[] actual, double[] reference)
        {
            double[] errors = [.. actual.Zip(reference, (a, r) => Math.Abs(a - r)).Order()];
            return new Errors(errors[errors.Length / 2], errors[^1]);
        }

        public override string ToString() => FormattableString.Invariant($"({Median:E3}, {Max:E3})");
    }
}
