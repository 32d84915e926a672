using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;
using static KernelGen.Generated.ExactKernels;

namespace KernelGen;

/// <summary>
/// The exact tier's ILGPU kernels, loaded on one accelerator: integer operations and bit casts only, except the
/// bias addition and the activation of the last pass (through <see cref="IKernelMath"/>: <c>add.rn.f32</c> on CUDA).
/// Three passes on the default stream:
/// <list type="number">
/// <item><see cref="ExactKernels.SliceRows"/>: one group of <see cref="SliceGroupSize"/> threads per input row finds the row's scale
/// (an integer maximum of magnitude bits, shared-memory atomic) and writes its four int8 digit planes,
/// <c>xPlanes[(t·Rows + r)·PlaneLength + k]</c>.</item>
/// <item><see cref="ExactKernels.Products"/>: one thread per output (extent (Columns, Rows)) sums the ten kept slice-pair
/// products in int32 chunks and int64 and writes <c>N'</c> to <c>sums[r·Columns + j]</c>. The weight planes are
/// <c>wPlanes[(u·Columns + j)·PlaneLength + k]</c>, so plane t of the input times plane u of the weight is one int8
/// GEMM with k contiguous in both operands (row-major A, column-major B: the <c>mma.sync.m16n8k32.s32.s8.s8.s32</c>
/// layout). A tensor-core kernel may replace this pass, split k however it likes and add partial <c>N'</c> values
/// (int64 addition is exact).</item>
/// <item><see cref="ExactKernels.Combine{TMath}"/>: rounds each <c>N'</c> once, adds the bias, canonicalizes a NaN and applies
/// the activation.</item>
/// </list>
/// </summary>
internal sealed class ExactGpuKernels
{
    /// <summary>Threads per group of <see cref="ExactKernels.SliceRows"/>.</summary>
    public const int SliceGroupSize = 256;

    /// <summary>Threads per group of <see cref="ExactKernels.Combine{TMath}"/>, and groups per multiprocessor it launches.</summary>
    public const int CombineGroupSize = 256;

    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<int>, ExactShape> _slice;
    private readonly Action<Index2D, ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape> _products;
    private readonly Action<KernelConfig, ArrayView<long>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ExactShape> _combine;
    private readonly int _combineGroups;

    private ExactGpuKernels(Accelerator accelerator)
    {
        bool cuda = accelerator.AcceleratorType == AcceleratorType.Cuda;
        _slice = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<int>, ExactShape>(SliceRows);
        _products = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape>(Products);
        _combine = cuda
            ? CudaKernelLoader.LoadStreamKernel<ArrayView<long>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ExactShape>(accelerator, Combine<CudaMath>)
            : accelerator.LoadStreamKernel<ArrayView<long>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ExactShape>(Combine<CpuMath>);
        _combineGroups = Math.Max(1, accelerator.NumMultiprocessors) * 8;
    }

    /// <summary>Loads the kernels on <paramref name="accelerator"/>.</summary>
    public static ExactGpuKernels Load(Accelerator accelerator) => new(accelerator);

    /// <summary>
    /// Queues the three passes. <paramref name="xPlanes"/> holds at least <c>Rows·PlaneLength</c> ints (four int8
    /// digits each), <paramref name="rowScales"/> <c>Rows</c> ints and <paramref name="sums"/> <c>Rows·Columns</c> longs.
    /// </summary>
    public void Launch(
        ExactShape shape,
        ArrayView<float> input,
        ArrayView<int> wPlanes,
        ArrayView<int> columnScales,
        ArrayView<float> bias,
        ArrayView<int> xPlanes,
        ArrayView<int> rowScales,
        ArrayView<long> sums,
        ArrayView<float> output)
    {
        _slice(new KernelConfig(shape.Rows, SliceGroupSize), input, xPlanes, rowScales, shape);
        _products(new Index2D(shape.Columns, shape.Rows), xPlanes, wPlanes, sums, shape);
        _combine(new KernelConfig(_combineGroups, CombineGroupSize), sums, rowScales, columnScales, bias, output, shape);
    }

}
