using System;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
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
/// <c>xPlanes[(t·Rows + r)·PlaneLength/4 + word]</c>, four digits an int, the words of each 32-k step in
/// <see cref="ExactTensorCoreKernels.PlaneWord"/> order.</item>
/// <item>The products: <c>N'</c> of every output to <c>sums[r·Columns + j]</c>. The weight planes are
/// <c>wPlanes[(u·Columns + j)·PlaneLength + k]</c>, so plane t of the input times plane u of the weight is one int8
/// GEMM with k contiguous in both operands (row-major A, column-major B: the <c>mma.sync.m16n8k32.s32.s8.s8.s32</c>
/// layout). On CUDA with compute capability 8.0 or later, <see cref="ExactTensorCoreKernels.Products{TMma}"/> runs it
/// on the integer tensor cores (<see cref="ExactProductsPath.TensorCores"/>); elsewhere (ILGPU's CPU accelerator, older
/// GPUs) <see cref="ExactKernels.Products"/>, one thread per output (extent (Columns, Rows)), sums the ten kept
/// slice-pair products in int32 chunks and int64 (<see cref="ExactProductsPath.Scalar"/>). Both give the same integers.</item>
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
    private readonly Action<Index2D, ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape>? _products;
    private readonly Action<KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape, int>? _tensorCoreProducts;
    private readonly Action<KernelConfig, ArrayView<long>, long, int>? _sumSplits;
    private readonly int _multiprocessors;
    private readonly Action<KernelConfig, ArrayView<long>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ExactShape> _combine;
    private readonly int _combineGroups;

    private ExactGpuKernels(Accelerator accelerator, ExactProductsPath path)
    {
        bool cuda = accelerator.AcceleratorType == AcceleratorType.Cuda;
        if (path == ExactProductsPath.TensorCores && cuda && !HasTensorCores(accelerator))
        {
            throw new NotSupportedException($"The exact tier's tensor-core kernel needs compute capability 8.0 or later; {accelerator.Name} has {((CudaAccelerator)accelerator).Architecture}.");
        }

        Path = path;
        _slice = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<int>, ExactShape>(SliceRows);
        if (path == ExactProductsPath.Scalar)
        {
            _products = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape>(Products);
        }
        else
        {
            // The CPU accelerator cannot run PTX: there the same kernel runs with the instruction emulated (tests only).
            _tensorCoreProducts = cuda
                ? CudaKernelLoader.LoadStreamKernel<ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape, int>(accelerator, ExactTensorCoreKernels.Products<CudaExactMma>)
                : accelerator.LoadStreamKernel<ArrayView<int>, ArrayView<int>, ArrayView<long>, ExactShape, int>(ExactTensorCoreKernels.Products<EmulatedExactMma>);
            _sumSplits = accelerator.LoadStreamKernel<ArrayView<long>, long, int>(SumSplits); // integers only: no PTX to rewrite
        }

        _combine = cuda
            ? CudaKernelLoader.LoadStreamKernel<ArrayView<long>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ExactShape>(accelerator, Combine<CudaMath>)
            : accelerator.LoadStreamKernel<ArrayView<long>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ExactShape>(Combine<CpuMath>);
        _multiprocessors = Math.Max(1, accelerator.NumMultiprocessors);
        _combineGroups = _multiprocessors * 8;
    }

    /// <summary>Which kernel computes the products.</summary>
    public ExactProductsPath Path { get; }

    /// <summary>Loads the kernels on <paramref name="accelerator"/>, with the tensor-core products where it has them.</summary>
    public static ExactGpuKernels Load(Accelerator accelerator) =>
        new(accelerator, HasTensorCores(accelerator) ? ExactProductsPath.TensorCores : ExactProductsPath.Scalar);

    /// <summary>
    /// Loads the kernels with the products of <paramref name="path"/>; <see cref="ExactProductsPath.TensorCores"/> on
    /// ILGPU's CPU accelerator emulates the instruction (tests only).
    /// </summary>
    /// <exception cref="NotSupportedException">Tensor cores asked of a CUDA device older than compute capability 8.0.</exception>
    public static ExactGpuKernels Load(Accelerator accelerator, ExactProductsPath path) => new(accelerator, path);

    /// <summary>Whether <paramref name="accelerator"/> runs <c>mma.sync.m16n8k32</c> on int8: CUDA, compute capability 8.0 or later.</summary>
    public static bool HasTensorCores(Accelerator accelerator) =>
        accelerator is CudaAccelerator cuda && cuda.Architecture >= new CudaArchitecture(8, 0);

    /// <summary>
    /// Queues the three passes. <paramref name="xPlanes"/> holds at least <c>Rows·PlaneLength</c> ints (four int8
    /// digits each), <paramref name="rowScales"/> <c>Rows</c> ints and <paramref name="sums"/> <see cref="SumsLength"/> longs.
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
        LaunchProducts(shape, xPlanes, wPlanes, sums);
        _combine(new KernelConfig(_combineGroups, CombineGroupSize), sums, rowScales, columnScales, bias, output, shape);
    }

    /// <summary>
    /// The longs the <c>sums</c> of <see cref="Launch"/> and <see cref="LaunchProducts"/> must hold for
    /// <paramref name="shape"/>: <c>Rows·Columns</c>, times the splits of k when the tensor-core kernel splits it (one
    /// slab of partial sums a split).
    /// </summary>
    public long SumsLength(ExactShape shape, int? splits = null) => (long)shape.Rows * shape.Columns * SplitsFor(shape, splits);

    /// <summary>
    /// Queues the products pass alone: the first <c>Rows·Columns</c> longs of <paramref name="sums"/>
    /// (<see cref="SumsLength"/> in all) receive <c>N'</c> of the planes <paramref name="xPlanes"/>
    /// (<c>[t][row][PlaneLength/4]</c>) and <paramref name="wPlanes"/> (<c>[u][j][PlaneLength/4]</c>). The tensor-core
    /// kernel splits k into <paramref name="splits"/> parts (default: <see cref="ExactTensorCoreKernels.Splits"/>, more
    /// parts when the outputs alone leave multiprocessors idle), each into a slab of its own, then adds the slabs into
    /// the first (<see cref="ExactKernels.SumSplits"/>); the scalar kernel ignores it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="sums"/> is shorter than <see cref="SumsLength"/>.</exception>
    public void LaunchProducts(ExactShape shape, ArrayView<int> xPlanes, ArrayView<int> wPlanes, ArrayView<long> sums, int? splits = null)
    {
        if (_tensorCoreProducts is not null)
        {
            int parts = SplitsFor(shape, splits);
            long needed = (long)shape.Rows * shape.Columns * parts;
            if (sums.Length < needed)
            {
                throw new ArgumentException($"sums holds {sums.Length} longs; {parts} split(s) of {shape.Rows}×{shape.Columns} outputs need {needed}.", nameof(sums));
            }

            _tensorCoreProducts(new KernelConfig(checked(ExactTensorCoreKernels.Tiles(shape) * parts), ExactTensorCoreKernels.GroupSize), xPlanes, wPlanes, sums, shape, parts);
            if (parts > 1)
            {
                _sumSplits!(new KernelConfig(_combineGroups, CombineGroupSize), sums, (long)shape.Rows * shape.Columns, parts);
            }
        }
        else
        {
            _products!(new Index2D(shape.Columns, shape.Rows), xPlanes, wPlanes, sums, shape);
        }
    }

    private int SplitsFor(ExactShape shape, int? splits) =>
        _tensorCoreProducts is null ? 1 : splits ?? ExactTensorCoreKernels.Splits(shape, _multiprocessors);
}

/// <summary>The kernel that computes the exact tier's slice-pair products.</summary>
internal enum ExactProductsPath
{
    /// <summary><see cref="ExactKernels.Products"/>: one thread per output, scalar integer arithmetic.</summary>
    Scalar,

    /// <summary><see cref="ExactTensorCoreKernels.Products{TMma}"/>: <c>mma.sync.m16n8k32</c> on int8 (emulated on the CPU accelerator).</summary>
    TensorCores,
}
