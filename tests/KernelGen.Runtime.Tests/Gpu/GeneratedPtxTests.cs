using System;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using KernelGen.Generated;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// The PTX of generated kernels, compiled here without a GPU by ILGPU's PTX backend (the same
/// compiler and optimization level as <see cref="GpuDevice"/>), then rewritten the way
/// <see cref="CudaKernelLoader"/> loads it: every FMA of a dot product is one <c>fma.rn.f32</c>, no
/// <c>mul.f32</c>/<c>add.f32</c> is left for <c>ptxas</c> to contract, the staged tiles are read with
/// vector loads, and no local memory is left.
/// </summary>
public sealed class GeneratedPtxTests
{
    [Theory]
    [InlineData(typeof(Square64x300), "GpuTiled128x128Kernel", "ld.shared.v4.f32", "ld.global.v4.f32", 64)]
    [InlineData(typeof(Square64x300), "GpuTiled128x64Kernel", "ld.shared.v4.f32", "ld.global.v4.f32", 32)]
    [InlineData(typeof(Square64x300), "GpuTiled64x96Kernel", "ld.shared.v2.f32", "ld.global.v2.f32", 24)]
    [InlineData(typeof(Square64x300), "GpuTiled64x64Kernel", "ld.shared.v4.f32", "ld.global.v4.f32", 16)]
    [InlineData(typeof(Small61x3NoBias), "GpuTiled64x32Kernel", "ld.shared.v4.f32", "ld.global.v2.f32", 8)]
    [InlineData(typeof(Projection1024x64), "GpuTiled128x64Kernel", "ld.shared.v4.f32", "ld.global.v4.f32", 32)]
    [InlineData(typeof(Small61x3NoBias), "GpuTiled128x32Kernel", "ld.shared.v2.f32", "ld.global.v2.f32", 16)]
    public void TiledLinearKernel_IsFusedVectorizedAndFreeOfLocalMemory(Type layer, string kernel, string sharedLoad, string weightLoad, int fmasPerStep)
    {
        string ptx = LoadedPtx(layer, kernel, explicitlyGrouped: true);

        Assert.Contains(sharedLoad, ptx, StringComparison.Ordinal);
        Assert.Contains(weightLoad, ptx, StringComparison.Ordinal);
        Assert.True(Count(ptx, @"fma\.rn\.f32") >= fmasPerStep, $"expected at least {fmasPerStep} fma.rn.f32 in {kernel}");
        Assert.Equal(0, Count(ptx, @"\b(mul|add|sub)\.f32\b"));
        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(RowLayers.Gelu768), "GpuRowKernel")]
    [InlineData(typeof(RowLayers.Norm768), "GpuRowKernel")]
    [InlineData(typeof(RowLayers.NormResidualAfter1000), "GpuRowKernel")]
    [InlineData(typeof(RowLayers.RmsResidualBefore33), "GpuRowKernel")]
    public void RowKernel_HasNoLocalMemoryAndNothingToContract(Type layer, string kernel)
    {
        string ptx = LoadedPtx(layer, kernel, explicitlyGrouped: true);

        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
        // ptxas may fuse a plain mul into a following plain add or sub; every add and sub is .rn.
        // (One plain mul.f64 remains on purpose: DetMath's exact x/2 below 2^-100, which feeds no add.)
        Assert.Equal(0, Count(ptx, @"\b(add|sub)\.f(32|64)\b"));
    }

    [Fact]
    public void NormRowKernel_ReadsTheRowOnceAndReducesWithShuffles()
    {
        string ptx = LoadedPtx(typeof(RowLayers.Norm768), "GpuRowKernel", explicitlyGrouped: true);

        // 24 elements a lane, each loaded once, and the same 24 of the weight and of the bias; 24 stores.
        Assert.Equal(3 * 24, Count(ptx, @"ld\.global\.f32"));
        Assert.Equal(24, Count(ptx, @"st\.global\.f32"));
        // Two reductions (sum, squared deviations) of five shuffle steps, each broadcast from lane 0; no shared memory.
        Assert.Equal(10, Count(ptx, @"shfl\.sync\.down"));
        Assert.Equal(2, Count(ptx, @"shfl\.sync\.idx"));
        Assert.DoesNotContain("bar.sync", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain(".shared", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void PerOutputLinearKernel_HasNoLocalMemory()
    {
        string ptx = LoadedPtx(typeof(Projection1024x64), "GpuPerOutputKernel", explicitlyGrouped: false);

        Assert.True(Count(ptx, @"fma\.rn\.f32") >= 64);
        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(Wide3x1023), false)] // K = 3: one partial slice, read a k at a time
    [InlineData(typeof(Long4097x61), false)] // K = 4097: a partial last slice
    [InlineData(typeof(Projection1024x64), true)] // K = 1024: four whole slices of 256
    public void StagedLinearKernel_StreamsTheWeightWithVectorLoads(Type layer, bool wholeSlices)
    {
        string ptx = LoadedPtx(layer, "GpuStagedKernel", explicitlyGrouped: true);

        Assert.Contains("ld.global.v4.f32", ptx, StringComparison.Ordinal);
        Assert.Equal(wholeSlices, ptx.Contains("ld.shared.v4.f32", StringComparison.Ordinal));
        Assert.True(Count(ptx, @"fma\.rn\.f32") >= 5, "one chain for a lone row, four for more");
        Assert.Equal(0, Count(ptx, @"\b(mul|add|sub)\.f32\b"));
        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
    }

    /// <summary>Compiles <c>layer.kernel&lt;CudaMath&gt;</c> to PTX for sm_80 (what ILGPU 1.5.3 targets on an H100) and applies the loader's rewrite.</summary>
    internal static string LoadedPtx(Type layer, string kernel, bool explicitlyGrouped)
    {
        MethodInfo method = layer.GetMethod(kernel, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeof(CudaMath));
        using Context context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        EntryPointDescription entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
            : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        string loaded = PtxLocalDepots.PromoteToRegisters(compiled.PTXAssembly, out _);
        if (Environment.GetEnvironmentVariable("KERNELGEN_PTX_DIR") is { Length: > 0 } directory)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(directory, $"{layer.Name}.{kernel}.ptx"), loaded);
        }

        return loaded;
    }

    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;
}
