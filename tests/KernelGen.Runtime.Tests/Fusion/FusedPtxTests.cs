using System;
using System.Text.RegularExpressions;
using Xunit;

namespace KernelGen.Runtime.Tests.Fusion;

/// <summary>
/// The fused kernels' PTX, compiled without a GPU as <see cref="GeneratedPtxTests"/> does: the dot products are
/// still <c>fma.rn.f32</c>, the activation's arithmetic is explicit (<c>add.rn</c>, <c>sub.rn</c>, <c>fma.rn</c>),
/// so <c>ptxas</c> has no plain multiply and add to contract, and no local memory is left.
/// </summary>
public sealed class FusedPtxTests
{
    [Theory]
    [InlineData(typeof(Gelu768x3072), "GpuTiled128x128Kernel", true)]
    [InlineData(typeof(Gelu768x3072), "GpuStagedKernel", true)]
    [InlineData(typeof(Gelu768x3072), "GpuPerOutputKernel", false)]
    [InlineData(typeof(Silu3x17NoBias), "GpuTiled64x32Kernel", true)]
    [InlineData(typeof(Tanh4096x64), "GpuTiled128x64Kernel", true)]
    [InlineData(typeof(Relu7x100), "GpuTiled128x128Kernel", true)]
    public void Fused_kernel_keeps_its_arithmetic_explicit_and_has_no_local_memory(Type layer, string kernel, bool explicitlyGrouped)
    {
        string ptx = GeneratedPtxTests.LoadedPtx(layer, kernel, explicitlyGrouped);

        Assert.True(Count(ptx, @"fma\.rn\.f32") >= 1);
        Assert.Equal(0, Count(ptx, @"\b(mul|add|sub)\.f32\b"));
        // DetMath works in double: every add and sub is .rn (one plain mul.f64, an exact halving, feeds no add).
        Assert.Equal(0, Count(ptx, @"\b(add|sub)\.f64\b"));
        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
    }

    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;
}
