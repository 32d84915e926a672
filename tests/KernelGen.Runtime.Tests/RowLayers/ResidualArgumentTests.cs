using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>A residual where none is declared, none where one is, and residuals of the wrong size: clear messages, on the CPU and the GPU.</summary>
public sealed class ResidualArgumentTests
{
    [Fact]
    public void A_layer_declared_without_a_residual_refuses_one()
    {
        var plain = new PathLayerNorm768();
        var error = Assert.Throws<ArgumentException>(() => plain.Forward(new float[768], new float[768], new float[768]));
        Assert.Equal(
            "residual has 768 values, but PathLayerNorm768 is declared without a residual add (Residual = ResidualAdd.None): " +
            "call Forward(input, output), or declare Residual = ResidualAdd.AfterNorm or ResidualAdd.BeforeNorm. (Parameter 'residual')",
            error.Message);
        Assert.Equal(ResidualAdd.None, plain.Residual);
    }

    [Fact]
    public void A_layer_declared_with_a_residual_needs_one()
    {
        var fused = new FusedLayerNorm768AfterNorm();
        const string AfterNorm =
            "residual is missing: FusedLayerNorm768AfterNorm is declared with Residual = ResidualAdd.AfterNorm (y = residual + Norm(input)); " +
            "call Forward(input, residual, output). (Parameter 'residual')";
        Assert.Equal(AfterNorm, Assert.Throws<ArgumentException>(() => fused.Forward(new float[768], new float[768])).Message);
        Assert.Equal(AfterNorm, Assert.Throws<ArgumentException>(() => fused.Forward(new float[768])).Message);
        Assert.Equal(AfterNorm, Assert.Throws<ArgumentException>(() => fused.Forward(new Tensor(1, 768))).Message);

        var before = new FusedRmsNorm33BeforeNorm();
        Assert.Equal(
            "residual is missing: FusedRmsNorm33BeforeNorm is declared with Residual = ResidualAdd.BeforeNorm (y = Norm(input + residual)); " +
            "call Forward(input, residual, output). (Parameter 'residual')",
            Assert.Throws<ArgumentException>(() => before.Forward(new float[33], new float[33])).Message);
    }

    [Fact]
    public void Residual_lengths_shapes_and_overlaps_are_checked()
    {
        var fused = new FusedLayerNorm768BeforeNorm();
        var error = Assert.Throws<ArgumentException>(() => fused.Forward(new float[2 * 768], new float[768], new float[2 * 768]));
        Assert.Equal("residual has 768 values; it needs as many as input: 1536. (Parameter 'residual')", error.Message);

        error = Assert.Throws<ArgumentException>(() => fused.Forward(new float[700], new float[700], new float[700]));
        Assert.Equal("input has 700 values, which is not a whole number of rows of Features = 768: it needs [rows, 768] values. (Parameter 'input')", error.Message);

        float[] buffer = new float[3 * 768];
        error = Assert.Throws<ArgumentException>(() => fused.Forward(new float[768], buffer.AsSpan(0, 768), buffer.AsSpan(1, 768)));
        Assert.Equal("output partly overlaps residual; pass the same memory as input or residual for an in-place pass, or separate memory. (Parameter 'output')", error.Message);

        error = Assert.Throws<ArgumentException>(() => fused.Forward(buffer.AsSpan(0, 768), new float[768], buffer.AsSpan(5, 768)));
        Assert.Equal("output partly overlaps input; pass the same memory for an in-place pass, or separate memory. (Parameter 'output')", error.Message);

        error = Assert.Throws<ArgumentException>(() => fused.Forward(new Tensor(2, 768), new Tensor(1, 2, 768)));
        Assert.Equal("residual has shape (1, 2, 768); it needs the shape of input: (2, 768). (Parameter 'residual')", error.Message);

        // Input and residual may share memory in any way: both are only read.
        float[] x = VectorPathCases.Rows(768, 3, seed: 9);
        float[] expected = new float[768];
        fused.Forward(x.AsSpan(0, 768), x.AsSpan(5, 768), expected);
        float[] overlapping = (float[])x.Clone();
        fused.Forward(overlapping.AsSpan(0, 768), overlapping.AsSpan(5, 768), overlapping.AsSpan(2 * 768, 768));
        BitAssert.Equal(expected, overlapping.AsSpan(2 * 768, 768), "input and residual overlapping");
    }

    [Fact]
    public void Gpu_layers_check_the_residual_as_the_cpu_does()
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        using GpuRowLayer plain = new PathLayerNorm768().ToGpu(device);
        using GpuRowLayer fused = new FusedLayerNorm768AfterNorm().ToGpu(device);
        using GpuRowLayer gelu = new Gelu768().ToGpu(device);

        var error = Assert.Throws<ArgumentException>(() => plain.Forward(new float[768], new float[768], new float[768]));
        Assert.StartsWith("residual has 768 values, but PathLayerNorm768 is declared without a residual add", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => gelu.Forward(new float[768], new float[768], new float[768]));
        Assert.Equal("residual has 768 values, but Gelu768 takes no residual: call Forward(input, output). (Parameter 'residual')", error.Message);

        error = Assert.Throws<ArgumentException>(() => fused.Forward(new float[768], new float[768]));
        Assert.StartsWith("residual is missing: FusedLayerNorm768AfterNorm is declared with Residual = ResidualAdd.AfterNorm", error.Message, StringComparison.Ordinal);

        using var views = device.Accelerator.Allocate1D<float>(2 * 768);
        error = Assert.Throws<ArgumentException>(() => fused.Forward(views.View, views.View.SubView(0, 768), views.View));
        Assert.Equal("residual has 768 values; it needs as many as input: 1536. (Parameter 'residual')", error.Message);

        error = Assert.Throws<ArgumentException>(() => fused.Forward(views.View, views.View));
        Assert.StartsWith("residual is missing", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => fused.Forward(new Tensor(2, 768), new Tensor(3, 768)));
        Assert.Equal("residual has shape (3, 768); it needs the shape of input: (2, 768). (Parameter 'residual')", error.Message);
    }
}
