using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// Element-wise sums and products of two equal-length tensors on the CPU (residual connections,
/// gating). Each output is one IEEE operation on its two inputs, so no order is involved (a NaN
/// result is <see cref="DetMath.CanonicalNaN"/>); the GPU twin is <see cref="GpuElementwise"/>.
/// Every SIMD path computes the same operation per element, so every path gives the same bits.
/// </summary>
public static class Elementwise
{
    /// <summary>Elements per thread below which a second thread costs more than it saves.</summary>
    private const int MinimumElementsPerThread = 1 << 16;

    /// <summary><c>output[i] = a[i] + b[i]</c>. <paramref name="output"/> may be the same memory as <paramref name="a"/> or <paramref name="b"/>.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand, as long as <paramref name="a"/>.</param>
    /// <param name="output">The sums.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the output partly overlaps an input.</exception>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, CpuExecutionOptions? options = null) =>
        Run<AddOperation>(a, b, output, options);

    /// <summary><c>output[i] = a[i] · b[i]</c>. <paramref name="output"/> may be the same memory as <paramref name="a"/> or <paramref name="b"/>.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand, as long as <paramref name="a"/>.</param>
    /// <param name="output">The products.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the output partly overlaps an input.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, CpuExecutionOptions? options = null) =>
        Run<MultiplyOperation>(a, b, output, options);

    /// <summary>Checks the lengths of an element-wise operation's operands, naming the one that differs.</summary>
    internal static void CheckLengths(long a, long b, long output)
    {
        if (b != a)
        {
            throw new ArgumentException($"b has {b} values; it needs as many as a: {a}.", nameof(b));
        }

        if (output != a)
        {
            throw new ArgumentException($"output has {output} values; it needs as many as a and b: {a}.", nameof(output));
        }
    }

    /// <summary>
    /// <c>output[i] = canonicalize(a[i] + b[i])</c> on <typeparamref name="TLanes"/> registers, then one element
    /// at a time: the operation of <see cref="Add"/>, for kernels that fuse it (<see cref="ResidualAdd.BeforeNorm"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Add<TLanes>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
        where TLanes : struct, IFloatLanes<TLanes> =>
        Apply<TLanes, AddOperation>(a, b, output);

    /// <summary>The scalar twin of <see cref="Add{TLanes}"/>.</summary>
    internal static void AddScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output) =>
        Apply<AddOperation>(SimdPath.Scalar, a, b, output);

    private static unsafe void Run<TOperation>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, CpuExecutionOptions? options)
        where TOperation : struct, IElementwiseOperation
    {
        Check(a, b, output);
        options ??= CpuExecutionOptions.Default;
        SimdPath path = SimdPaths.Resolve(options.SimdPath);
        int threads = Math.Min(options.EffectiveDegreeOfParallelism, Math.Max(1, output.Length / MinimumElementsPerThread));
        if (threads <= 1)
        {
            Apply<TOperation>(path, a, b, output);
            return;
        }

        fixed (float* pa = a, pb = b, po = output)
        {
            var work = new RangeWork<TOperation>(path, pa, pb, po);
            CpuWorkers.ForRanges(output.Length, MinimumElementsPerThread, threads, work.Run);
        }
    }

    private static void Apply<TOperation>(SimdPath path, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
        where TOperation : struct, IElementwiseOperation
    {
        switch (path)
        {
            case SimdPath.Vector512:
                Apply<Vector512Lanes, TOperation>(a, b, output);
                break;
            case SimdPath.Vector256:
                Apply<Vector256Lanes, TOperation>(a, b, output);
                break;
            case SimdPath.Vector128:
                Apply<Vector128Lanes, TOperation>(a, b, output);
                break;
            default:
                for (int i = 0; i < output.Length; i++)
                {
                    output[i] = DetMath.CanonicalizeNaN(TOperation.Apply(a[i], b[i]));
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply<TLanes, TOperation>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
        where TLanes : struct, IFloatLanes<TLanes>
        where TOperation : struct, IElementwiseOperation
    {
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float output0 = ref MemoryMarshal.GetReference(output);
        int length = output.Length;
        int i = 0;

        // Every vector is loaded before it is stored, so output may be a or b itself.
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            TLanes result = TOperation.Apply(TLanes.Load(ref Unsafe.Add(ref a0, i)), TLanes.Load(ref Unsafe.Add(ref b0, i)));
            TLanes.Store(TLanes.CanonicalizeNaN(result), ref Unsafe.Add(ref output0, i));
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref output0, i) = DetMath.CanonicalizeNaN(TOperation.Apply(Unsafe.Add(ref a0, i), Unsafe.Add(ref b0, i)));
        }
    }

    private static void Check(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> output)
    {
        CheckLengths(a.Length, b.Length, output.Length);
        if ((a.Overlaps(output, out int offsetA) && offsetA != 0) || (b.Overlaps(output, out int offsetB) && offsetB != 0))
        {
            throw new ArgumentException("output partly overlaps an input; pass the same memory as a or b for an in-place operation, or separate memory.", nameof(output));
        }
    }

    /// <summary>One IEEE operation, on lanes and on one float.</summary>
    private interface IElementwiseOperation
    {
        static abstract TLanes Apply<TLanes>(TLanes a, TLanes b)
            where TLanes : struct, IFloatLanes<TLanes>;

        static abstract float Apply(float a, float b);
    }

    private readonly struct AddOperation : IElementwiseOperation
    {
        public static TLanes Apply<TLanes>(TLanes a, TLanes b)
            where TLanes : struct, IFloatLanes<TLanes> => a + b;

        public static float Apply(float a, float b) => a + b;
    }

    private readonly struct MultiplyOperation : IElementwiseOperation
    {
        public static TLanes Apply<TLanes>(TLanes a, TLanes b)
            where TLanes : struct, IFloatLanes<TLanes> => a * b;

        public static float Apply(float a, float b) => a * b;
    }

    /// <summary>One pass over ranges of the elements, handed to the workers without a closure over spans.</summary>
    private readonly unsafe struct RangeWork<TOperation>(SimdPath path, float* a, float* b, float* output)
        where TOperation : struct, IElementwiseOperation
    {
        public void Run(int start, int end) =>
            Apply<TOperation>(path, new ReadOnlySpan<float>(a + start, end - start), new ReadOnlySpan<float>(b + start, end - start), new Span<float>(output + start, end - start));
    }
}
