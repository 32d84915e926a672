using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>
/// A norm declared with a residual add gives exactly the bits of the unfused chain — <c>Elementwise.Add(r, Norm(x))</c>
/// for AfterNorm, <c>Norm(Elementwise.Add(x, r))</c> for BeforeNorm — on every path and thread count, in place on
/// either input or out of place, on the CPU and on a GPU.
/// </summary>
public sealed class FusedResidualNormTests
{
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (int n in new[] { 7, 33, 768, 1000, 1500 })
            {
                foreach (string kind in new[] { "LayerNorm", "RmsNorm" })
                {
                    names.Add($"{kind}{n}AfterNorm");
                    names.Add($"{kind}{n}BeforeNorm");
                }
            }

            names.Add("LayerNorm33NoBiasAfterNorm");
            names.Add("LayerNorm100PlainBeforeNorm");
            names.Add("RmsNorm100PlainAfterNorm");
            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fused_equals_the_unfused_chain_on_every_path_thread_count_and_memory_layout(string name)
    {
        (NormLayer fused, NormLayer plain) = Create(name);
        int n = fused.Features;
        int rows = VectorPathCases.ManyRows(n);
        float[] x = VectorPathCases.Rows(n, rows, seed: 1);
        float[] r = VectorPathCases.Rows(n, rows, seed: 2);
        float[] expected = Unfused(plain, fused.Residual, x, r);
        float[] selfExpected = Unfused(plain, fused.Residual, x, x);

        foreach (SimdPath path in VectorPathCases.Paths)
        {
            foreach (int threads in VectorPathCases.Threads)
            {
                var options = new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads };
                string what = $"{name}, {path}, {threads} threads";

                float[] y = new float[x.Length];
                fused.Forward(x, r, y, options);
                BitAssert.Equal(expected, y, $"{what}, separate output");

                float[] onInput = (float[])x.Clone();
                fused.Forward(onInput, r, onInput, options);
                BitAssert.Equal(expected, onInput, $"{what}, output = input");

                float[] onResidual = (float[])r.Clone();
                fused.Forward(x, onResidual, onResidual, options);
                BitAssert.Equal(expected, onResidual, $"{what}, output = residual");

                float[] all = (float[])x.Clone();
                fused.Forward(all, all, all, options);
                BitAssert.Equal(selfExpected, all, $"{what}, input = residual = output");

                for (int count = 1; count <= 37; count += 4)
                {
                    float[] prefix = new float[count * n];
                    fused.Forward(x.AsSpan(0, count * n), r.AsSpan(0, count * n), prefix, options);
                    BitAssert.Equal(expected.AsSpan(0, count * n), prefix, $"{what}, first {count} rows");
                }
            }
        }
    }

    [Fact]
    public void Tensor_forward_equals_the_span_forward()
    {
        (NormLayer fused, _) = Create("LayerNorm768AfterNorm");
        float[] x = VectorPathCases.Rows(768, 6, seed: 3);
        float[] r = VectorPathCases.Rows(768, 6, seed: 4);
        float[] expected = new float[x.Length];
        fused.Forward(x, r, expected);

        Tensor y = fused.Forward(new Tensor(x, 2, 3, 768), new Tensor(r, 2, 3, 768));
        Assert.Equal(new[] { 2, 3, 768 }, y.Shape);
        BitAssert.Equal(expected, y.Span, "tensor forward");
    }

    [Theory]
    [InlineData("LayerNorm768AfterNorm")]
    [InlineData("LayerNorm33BeforeNorm")]
    [InlineData("RmsNorm1000AfterNorm")]
    [InlineData("RmsNorm7BeforeNorm")]
    public void Cpu_accelerator_gives_the_cpu_bits(string name)
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        DeviceGivesTheCpuBits(device, name, rows: 19);
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Category", "Cuda")]
    public void Cuda_gives_the_cpu_bits(string name) => DeviceGivesTheCpuBits(CudaDevice.Get(), name, rows: 1000);

    /// <summary>The fused GPU kernel through host spans, through device views (out of place and in place on either input), and for single rows.</summary>
    internal static void DeviceGivesTheCpuBits(GpuDevice device, string name, int rows)
    {
        (NormLayer fused, _) = Create(name);
        int n = fused.Features;
        float[] x = VectorPathCases.Rows(n, rows, seed: 5);
        float[] r = VectorPathCases.Rows(n, rows, seed: 6);
        float[] cpu = new float[x.Length];
        fused.Forward(x, r, cpu);

        using GpuRowLayer onDevice = fused.ToGpu(device);
        float[] y = new float[x.Length];
        onDevice.Forward(x, r, y);
        BitAssert.Equal(cpu, y, $"{name} on {device}, host spans");

        foreach (int row in new[] { 0, rows / 2, rows - 1 })
        {
            float[] alone = new float[n];
            onDevice.Forward(x.AsSpan(row * n, n), r.AsSpan(row * n, n), alone);
            BitAssert.Equal(cpu.AsSpan(row * n, n), alone, $"{name} on {device}, row {row} alone");
        }

        using var input = device.Accelerator.Allocate1D(x);
        using var residual = device.Accelerator.Allocate1D(r);
        using var output = device.Accelerator.Allocate1D<float>(x.Length);
        onDevice.Forward(input.View, residual.View, output.View);
        device.Synchronize();
        BitAssert.Equal(cpu, output.GetAsArray1D(), $"{name} on {device}, device views");

        onDevice.Forward(input.View, residual.View, residual.View);
        device.Synchronize();
        BitAssert.Equal(cpu, residual.GetAsArray1D(), $"{name} on {device}, in place on the residual view");

        residual.CopyFromCPU(r);
        onDevice.Forward(input.View, residual.View, input.View);
        device.Synchronize();
        BitAssert.Equal(cpu, input.GetAsArray1D(), $"{name} on {device}, in place on the input view");
    }

    /// <summary>The separate steps: <c>Elementwise.Add(r, Norm(x))</c> or <c>Norm(Elementwise.Add(x, r))</c>, on the scalar path.</summary>
    internal static float[] Unfused(NormLayer plain, ResidualAdd residual, float[] x, float[] r)
    {
        float[] y = new float[x.Length];
        if (residual == ResidualAdd.AfterNorm)
        {
            plain.Forward(x, y, VectorPathCases.Scalar);
            Elementwise.Add(r, y, y, VectorPathCases.Scalar);
        }
        else
        {
            Elementwise.Add(x, r, y, VectorPathCases.Scalar);
            plain.Forward(y, y, VectorPathCases.Scalar);
        }

        return y;
    }

    /// <summary>The fused layer <c>Fused{name}</c> and its plain twin, with the same parameters.</summary>
    internal static (NormLayer Fused, NormLayer Plain) Create(string name)
    {
        string mode = name.EndsWith("AfterNorm", StringComparison.Ordinal) ? "AfterNorm" : "BeforeNorm";
        NormLayer fused = NormVectorPathTests.CreatePlain($"Fused{name}");
        NormLayer plain = NormVectorPathTests.CreatePlain($"Path{name[..^mode.Length]}");
        Assert.Equal(Enum.Parse<ResidualAdd>(mode), fused.Residual);
        Assert.Equal(ResidualAdd.None, plain.Residual);
        return (fused, plain);
    }
}
