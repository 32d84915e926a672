using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The base of every generated batched matrix product (<see cref="MatMulAttribute"/>). Every output is
/// one FMA chain, <c>acc = 0; for k ascending: acc = fma(A[b, i, k], B[b, k, j], acc)</c>, never split, so
/// an output's bits depend only on its row of A and its column of B — not on the batch, m, the thread
/// count or the device.
/// </summary>
public abstract class MatMulLayer : Module
{
    private readonly DeviceCopy<GpuMatMulLayer> _deviceCopy;

    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="innerSize">The declared K.</param>
    /// <param name="columns">The declared N.</param>
    protected MatMulLayer(int innerSize, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(innerSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        InnerSize = innerSize;
        Columns = columns;
        _deviceCopy = new(device => new GpuMatMulLayer(device, this));
    }

    /// <summary>K: the dot-product length.</summary>
    public int InnerSize { get; }

    /// <summary>N: the output columns.</summary>
    public int Columns { get; }

    /// <summary>Computes <c>C[b] = A[b] · B[b]</c> for every b, on the CPU.</summary>
    /// <param name="a"><c>[batch, m, K]</c>.</param>
    /// <param name="b"><c>[batch, K, N]</c>.</param>
    /// <param name="c">Receives <c>[batch, m, N]</c>.</param>
    /// <param name="batch">The number of products.</param>
    /// <param name="m">The rows of each A.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public unsafe void Forward(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int batch, int m, CpuExecutionOptions? options = null)
    {
        Check(a.Length, b.Length, c.Length, batch, m);
        int rows = batch * m;
        if (rows == 0)
        {
            return;
        }

        options ??= CpuExecutionOptions.Default;
        int threads = options.EffectiveDegreeOfParallelism;
        SimdPath path = SimdPaths.Resolve(options.SimdPath);
        fixed (float* ap = a, bp = b, cp = c)
        {
            var work = new Work(this, path, ap, a.Length, bp, b.Length, cp, c.Length, m);
            CpuWorkers.ForRanges(rows, Math.Max(1, rows / (threads * 4)), threads, work.Run);
        }
    }

    /// <summary>
    /// <c>C[b] = A[b] · B[b]</c> on tensors, on the device they live on: <paramref name="a"/> is <c>(batch, m, K)</c>
    /// and <paramref name="b"/> <c>(batch, K, N)</c>, or both without the batch dimension; the result, <c>(batch, m, N)</c>
    /// or <c>(m, N)</c>, lives on the same device (owned by the current <see cref="TensorScope"/>, if any), with the
    /// same bits on every device.
    /// </summary>
    /// <exception cref="ArgumentException">A shape does not match, or the tensors live on different devices.</exception>
    public Tensor Forward(Tensor a, Tensor b, CpuExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        GpuDevice? gpu = a.Gpu;
        b.ThrowIfDisposed();
        Tensor.CheckSameDevice(a.Device, b, nameof(b));
        if (a.Rank is not (2 or 3) || b.Rank != a.Rank || a.Shape[^1] != InnerSize || b.Shape[^2] != InnerSize || b.Shape[^1] != Columns
            || (a.Rank == 3 && a.Shape[0] != b.Shape[0]))
        {
            throw new ArgumentException(
                $"a has shape {a.ShapeString} and b {b.ShapeString}; a {GetType().Name} needs (batch, m, {InnerSize}) and (batch, {InnerSize}, {Columns}), or both without batch.",
                nameof(b));
        }

        int batch = a.Rank == 3 ? a.Shape[0] : 1;
        int m = a.Shape[^2];
        Tensor c = Tensor.Allocate(a.Device, a.Rank == 3 ? [batch, m, Columns] : [m, Columns]);
        if (gpu is null)
        {
            Forward(a.Span, b.Span, c.Span, batch, m, options);
        }
        else
        {
            _deviceCopy.On(gpu).Forward(a.View, b.View, c.View, batch, m);
        }

        return c;
    }

    /// <summary>Returns the layer on <paramref name="device"/>.</summary>
    public GpuMatMulLayer ToGpu(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new GpuMatMulLayer(device, this);
    }

    /// <summary>Loads the generated GPU kernel: one thread per output (extent: N, batch·m). Only generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> LoadGpuKernel(Accelerator accelerator);

    internal Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> LoadGpuKernelCore(Accelerator accelerator) => LoadGpuKernel(accelerator);

    internal void Check(long a, long b, long c, int batch, int m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        (string Name, long Got, long Needed, string Shape)[] operands =
        [
            ("a", a, (long)batch * m * InnerSize, $"[{batch}, {m}, {InnerSize}]"),
            ("b", b, (long)batch * InnerSize * Columns, $"[{batch}, {InnerSize}, {Columns}]"),
            ("c", c, (long)batch * m * Columns, $"[{batch}, {m}, {Columns}]"),
        ];
        foreach ((string name, long got, long needed, string shape) in operands)
        {
            if (got != needed)
            {
                throw new ArgumentException($"{name} has {got} values; batch {batch} with m {m} needs {shape} = {needed}.", name);
            }
        }
    }

    /// <summary>One output of the GPU kernel: row <paramref name="row"/> of the stacked A, column <paramref name="column"/>. Only generated code calls it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Output<TMath>(int row, int column, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int m, int innerSize, int columns)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        long aBase = (long)row * innerSize;
        long bBase = (long)(row / m) * innerSize * columns;
        float acc = 0f;
        for (int k = 0; k < innerSize; k++)
        {
            acc = math.Fma(a[aBase + k], b[bBase + ((long)k * columns) + column], acc);
        }

        c[((long)row * columns) + column] = DetMath.CanonicalizeNaN(acc);
    }

    private readonly unsafe struct Work(MatMulLayer layer, SimdPath path, float* a, int aLength, float* b, int bLength, float* c, int cLength, int m)
    {
        public void Run(int firstRow, int endRow) => MatMulKernels.Rows(
            path,
            new ReadOnlySpan<float>(a, aLength),
            new ReadOnlySpan<float>(b, bLength),
            new Span<float>(c, cLength),
            m,
            layer.InnerSize,
            layer.Columns,
            firstRow,
            endRow);
    }
}
