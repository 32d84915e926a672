using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using KernelGen.Generated;
using KernelGen.Runtime.Tests.Invariance;
using CudaDevice = KernelGen.Runtime.Tests.Invariance.CudaDevice;
using Xunit;

namespace KernelGen.Runtime.Tests.Exact;

/// <summary>
/// The products pass alone: digit planes in, <c>N'</c> out, against a host sum of the definition. Planes of random
/// digits and of extreme digits (the top plane at ±64, the others at −128 or 127) reach the int32 chunk's bound.
/// </summary>
internal static class ExactProductsChecks
{
    private static readonly ConcurrentDictionary<(GpuDevice, ExactProductsPath), ExactGpuKernels> Kernels = new();

    /// <summary>Checks the path's <c>N'</c> for <paramref name="rows"/> × <paramref name="columns"/> outputs of rows of <paramref name="length"/> digits.</summary>
    public static void Check(GpuDevice device, ExactProductsPath path, int rows, int columns, int length, string kind, int? splits = null)
    {
        ExactGpuKernels kernels = Kernels.GetOrAdd((device, path), key => ExactGpuKernels.Load(key.Item1.Accelerator, key.Item2));
        Assert.Equal(path, kernels.Path);
        int planeLength = ExactSlices.PaddedLength(length);
        int seed = (rows * 1_000_003) + (columns * 1009) + length + kind.Length; // HashCode.Combine differs between runs
        sbyte[] x = Digits(rows, length, planeLength, kind, seed);
        sbyte[] w = Digits(columns, length, planeLength, kind, seed + 1);
        long[] expected = Reference(x, w, rows, columns, planeLength);

        var shape = new ExactShape(rows, columns, length, planeLength, HasBias: 0, Activation: -1);
        Accelerator accelerator = device.Accelerator;
        using MemoryBuffer1D<int, Stride1D.Dense> xPlanes = accelerator.Allocate1D(Pack(x, rows, planeLength));
        using MemoryBuffer1D<int, Stride1D.Dense> wPlanes = accelerator.Allocate1D(Pack(w, columns, planeLength));
        using MemoryBuffer1D<long, Stride1D.Dense> sums = accelerator.Allocate1D<long>(kernels.SumsLength(shape, splits));
        sums.View.MemSet(0x5A); // no output, and no slab of a split, may be left unwritten
        kernels.LaunchProducts(shape, xPlanes.View, wPlanes.View, sums.View, splits);
        accelerator.Synchronize();
        long[] actual = sums.View.SubView(0, (long)rows * columns).GetAsArray1D();

        int differing = 0;
        int first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                differing++;
                first = first < 0 ? i : first;
            }
        }

        Assert.True(
            differing == 0,
            $"{path} on {device.Kind}, {rows}×{columns}×{length} {kind}, splits {splits?.ToString() ?? "default"}: {differing} of {expected.Length} sums differ; first at row {first / Math.Max(1, columns)}, column {first % Math.Max(1, columns)}: " +
            (first >= 0 ? $"{actual[first]} instead of {expected[first]}" : string.Empty));
    }

    /// <summary>Digits <c>[t][vector][k]</c>: plane 0 in [−64, 64], the others in [−128, 127], zero past <paramref name="length"/>.</summary>
    private static sbyte[] Digits(int vectors, int length, int planeLength, string kind, int seed)
    {
        var random = new Random(seed);
        var digits = new sbyte[ExactArithmetic.Slices * vectors * planeLength];
        for (int t = 0; t < ExactArithmetic.Slices; t++)
        {
            for (int v = 0; v < vectors; v++)
            {
                for (int k = 0; k < length; k++)
                {
                    int low = t == 0 ? -64 : -128, high = t == 0 ? 64 : 127;
                    int digit = kind switch
                    {
                        "random" => random.Next(low, high + 1),
                        "extreme" => low, // every product at its largest, all of one sign: the int32 chunk's bound
                        "extreme signs" => random.Next(2) == 0 ? low : high,
                        "sparse" => random.Next(16) == 0 ? random.Next(low, high + 1) : 0,
                        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                    };
                    digits[(((t * vectors) + v) * planeLength) + k] = (sbyte)digit;
                }
            }
        }

        return digits;
    }

    /// <summary>The digits as the device holds them: four int8 to an int, k ascending from the low byte, the words of each 32-k step in <see cref="ExactTensorCoreKernels.PlaneWord"/> order.</summary>
    private static int[] Pack(sbyte[] digits, int vectors, int planeLength)
    {
        var packed = new int[digits.Length / 4];
        int words = planeLength / 4;
        for (int i = 0; i < packed.Length; i++)
        {
            int value = (digits[4 * i] & 0xFF) | ((digits[(4 * i) + 1] & 0xFF) << 8) | ((digits[(4 * i) + 2] & 0xFF) << 16) | (digits[(4 * i) + 3] << 24);
            int row = i / words;
            packed[(row * words) + ExactTensorCoreKernels.PlaneWord(i - (row * words))] = value;
        }

        return packed;
    }

    /// <summary>N' from the definition: S_s = Σ_k Σ_{t+u=s} d_t(x)·d_u(w) in int64, then S_0·2^24 + S_1·2^16 + S_2·2^8 + S_3.</summary>
    private static long[] Reference(sbyte[] x, sbyte[] w, int rows, int columns, int planeLength)
    {
        var sums = new long[rows * columns];
        Parallel.For(0, rows, r =>
        {
            Span<long> s = stackalloc long[4];
            for (int j = 0; j < columns; j++)
            {
                s.Clear();
                for (int t = 0; t < 4; t++)
                {
                    int xAt = ((t * rows) + r) * planeLength;
                    for (int u = 0; t + u < 4; u++)
                    {
                        int wAt = ((u * columns) + j) * planeLength;
                        long sum = 0;
                        for (int k = 0; k < planeLength; k++)
                        {
                            sum += x[xAt + k] * w[wAt + k];
                        }

                        s[t + u] += sum;
                    }
                }

                sums[(r * columns) + j] = ExactArithmetic.Combine(s[0], s[1], s[2], s[3]);
            }
        });
        return sums;
    }
}

/// <summary>
/// The tensor-core products kernel with the instruction emulated on ILGPU's CPU accelerator (the fragment indexing,
/// the edges, the chunks), and the scalar kernel there, against the definition.
/// </summary>
public sealed class ExactTensorCoreEmulatedTests : IDisposable
{
    private readonly GpuDevice _device = GpuDevice.OpenCpuAccelerator();

    [Theory]
    [InlineData(1, 1, 32, "random")]
    [InlineData(3, 8, 70, "random")]
    [InlineData(17, 33, 70, "extreme signs")]
    [InlineData(33, 70, 100, "random")]
    [InlineData(40, 65, 768, "sparse")]
    [InlineData(16, 16, 64, "extreme")]
    public void Emulated_tensor_cores_equal_the_definition(int rows, int columns, int length, string kind) =>
        ExactProductsChecks.Check(_device, ExactProductsPath.TensorCores, rows, columns, length, kind);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Emulated_tensor_cores_widen_every_int32_chunk(int splits) =>
        ExactProductsChecks.Check(_device, ExactProductsPath.TensorCores, 1, 8, 40_000, "extreme", splits);

    // k split into parts, a slab each, then added; 5 parts of 3 steps leave two parts empty (their slabs must be zeros).
    [Theory]
    [InlineData(17, 33, 70, "extreme signs", 5)]
    [InlineData(33, 70, 768, "random", 4)]
    [InlineData(70, 130, 100, "random", 2)]
    public void Emulated_tensor_cores_split_k_equal_the_definition(int rows, int columns, int length, string kind, int splits) =>
        ExactProductsChecks.Check(_device, ExactProductsPath.TensorCores, rows, columns, length, kind, splits);

    [Theory]
    [InlineData(17, 33, 70, "extreme signs")]
    [InlineData(1, 8, 40_000, "extreme")]
    public void Scalar_products_equal_the_definition(int rows, int columns, int length, string kind) =>
        ExactProductsChecks.Check(_device, ExactProductsPath.Scalar, rows, columns, length, kind);

    [Fact]
    public void Plane_words_pair_c_with_4_plus_c() =>
        Assert.Equal([0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15], Enumerable.Range(0, 16).Select(ExactTensorCoreKernels.PlaneWord));

    [Fact]
    public void Cpu_accelerator_uses_the_scalar_products_by_default()
    {
        Assert.False(ExactGpuKernels.HasTensorCores(_device.Accelerator));
        Assert.Equal(ExactProductsPath.Scalar, ExactGpuKernels.Load(_device.Accelerator).Path);
    }

    public void Dispose() => _device.Dispose();
}

/// <summary>
/// The tensor-core products kernel on CUDA (mma.sync.m16n8k32, compute capability 8.0 or later) gives the definition's
/// integers, hence the CPU's bits. Skipped, with the reason, where no CUDA device exists.
/// </summary>
[Trait("Category", "Cuda")]
public sealed class ExactTensorCoreCudaTests
{
    public static IEnumerable<TheoryDataRow<int, int, int>> Shapes()
    {
        foreach (int rows in new[] { 1, 3, 17, 64, 129 })
        {
            foreach (int columns in new[] { 1, 8, 33, 100, 256 })
            {
                foreach (int length in new[] { 32, 70, 768, 4096 })
                {
                    yield return new(rows, columns, length);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Cuda_tensor_cores_equal_the_definition(int rows, int columns, int length) =>
        ExactProductsChecks.Check(TensorCoreDevice(), ExactProductsPath.TensorCores, rows, columns, length, "random");

    [Theory]
    [InlineData(1, 40_000, 8, "extreme")]
    [InlineData(1, 40_000, 8, "random")]
    [InlineData(17, 65_600, 9, "extreme")]
    [InlineData(33, 70_000, 40, "extreme signs")]
    [InlineData(64, 4096, 64, "extreme")]
    [InlineData(129, 768, 100, "extreme signs")]
    [InlineData(129, 768, 100, "sparse")]
    public void Cuda_tensor_cores_equal_the_definition_at_the_bounds(int rows, int length, int columns, string kind) =>
        ExactProductsChecks.Check(TensorCoreDevice(), ExactProductsPath.TensorCores, rows, columns, length, kind);

    [Theory]
    [InlineData(129, 100, 768, "random")]
    [InlineData(1, 8, 40_000, "extreme")]
    public void Cuda_scalar_products_equal_the_definition(int rows, int columns, int length, string kind) =>
        ExactProductsChecks.Check(CudaDevice.Get(), ExactProductsPath.Scalar, rows, columns, length, kind);

    [Theory]
    [InlineData(1, 4096, 4096, 5)]
    [InlineData(3, 70, 4096, 2)]
    [InlineData(129, 256, 65_600, 7)]
    public void Cuda_tensor_cores_split_k_equal_the_definition(int rows, int columns, int length, int splits) =>
        ExactProductsChecks.Check(TensorCoreDevice(), ExactProductsPath.TensorCores, rows, columns, length, "extreme signs", splits);

    [Fact]
    public void Cuda_layers_use_the_tensor_cores()
    {
        GpuDevice device = TensorCoreDevice();
        Assert.Equal(ExactProductsPath.TensorCores, ExactGpuKernels.Load(device.Accelerator).Path);
    }

    [Theory]
    [InlineData("powers", 129)]
    [InlineData("mixed", 64)]
    [InlineData("huge", 17)]
    [InlineData("subnormal", 3)]
    public void Cuda_layer_with_a_large_dynamic_range_equals_cpu(string kind, int rows)
    {
        GpuDevice device = TensorCoreDevice();
        ExactDeviceChecks.Check(device, ExactCases.Layer<Exact100x70>(kind, 98), kind, rows);
        ExactDeviceChecks.Check(device, ExactCases.Layer<Exact1027x33Gelu>(kind, 99), "mixed", rows);
    }

    private static GpuDevice TensorCoreDevice()
    {
        GpuDevice device = CudaDevice.Get();
        if (!ExactGpuKernels.HasTensorCores(device.Accelerator))
        {
            Assert.Skip($"{device.Name} has no int8 mma.sync.m16n8k32 (compute capability 8.0 or later).");
        }

        return device;
    }
}

/// <summary>
/// The tensor-core kernel's PTX, compiled here without a GPU for sm_80 the way <see cref="CudaKernelLoader"/> loads it:
/// the ten kept pairs of each of the warp's four tiles are forty <c>mma.sync.m16n8k32</c> a step, and the inline
/// assembly's operands live in registers, not local memory.
/// </summary>
public sealed class ExactTensorCorePtxTests
{
    [Fact]
    public void Tensor_core_kernel_issues_forty_int8_mma_a_step_without_local_memory()
    {
        var method = new Action<ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape, int>(ExactTensorCoreKernels.Products<CudaExactMma>).Method;
        using Context context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        string ptx = PtxLocalDepots.PromoteToRegisters(compiled.PTXAssembly, out _);
        if (Environment.GetEnvironmentVariable("KERNELGEN_PTX_DIR") is { Length: > 0 } directory)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(directory, "ExactTensorCoreKernels.Products.ptx"), ptx);
        }

        Assert.Equal(40, Regex.Matches(ptx, @"mma\.sync\.aligned\.m16n8k32\.row\.col\.s32\.s8\.s8\.s32").Count);
        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
    }
}
