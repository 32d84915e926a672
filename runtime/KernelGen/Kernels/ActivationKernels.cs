using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ILGPU;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The element-wise functions of <see cref="ActivationLayer"/>, for the CPU and for a GPU group of
/// 32 threads per row. Generated layers name their declared function as a type argument
/// (<see cref="IElementFunction"/>), so each kernel holds that one function only.
/// </summary>
public static class ActivationKernels
{
    /// <summary><paramref name="function"/> of <paramref name="x"/> on the CPU.</summary>
    public static float Apply(ActivationFunction function, float x) => Apply<CpuMath>(function, x);

    /// <summary><paramref name="function"/> of <paramref name="x"/> with the kernel arithmetic <typeparamref name="TMath"/>.</summary>
    public static float Apply<TMath>(ActivationFunction function, float x)
        where TMath : struct, IKernelMath =>
        function switch
        {
            ActivationFunction.Relu => Relu(x),
            ActivationFunction.Gelu => DetMath.Gelu<TMath>(x),
            ActivationFunction.GeluTanh => DetMath.GeluTanh<TMath>(x),
            ActivationFunction.Silu => DetMath.Silu<TMath>(x),
            ActivationFunction.Tanh => DetMath.Tanh<TMath>(x),
            _ => DetMath.Sigmoid<TMath>(x),
        };

    /// <summary><c>max(x, 0)</c>: x when x &gt; 0, +0 for every other number, <see cref="DetMath.CanonicalNaN"/> for NaN.</summary>
    public static float Relu(float x) => x > 0f ? x : float.IsNaN(x) ? DetMath.CanonicalNaN : 0f;

    /// <summary><see cref="Relu(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThan(x, Vector512<float>.Zero),
            x,
            Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512<float>.Zero, Vector512.Create(DetMath.CanonicalNaN)));

    /// <summary><see cref="Relu(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThan(x, Vector256<float>.Zero),
            x,
            Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256<float>.Zero, Vector256.Create(DetMath.CanonicalNaN)));

    /// <summary><see cref="Relu(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> x) =>
        Vector128.ConditionalSelect(
            Vector128.GreaterThan(x, Vector128<float>.Zero),
            x,
            Vector128.ConditionalSelect(Vector128.Equals(x, x), Vector128<float>.Zero, Vector128.Create(DetMath.CanonicalNaN)));

    /// <summary>
    /// Applies <paramref name="function"/> to every element of <paramref name="values"/>, in place, on
    /// <paramref name="path"/>: the entry point for an epilogue that activates a just-stored output tile.
    /// Every path gives the bits of <see cref="Apply(ActivationFunction, float)"/>.
    /// </summary>
    /// <param name="path">The SIMD path (<see cref="SimdPath.Auto"/> is resolved); it must run on this processor.</param>
    /// <param name="function">The function.</param>
    /// <param name="values">The elements, replaced by their function values.</param>
    public static void Apply(SimdPath path, ActivationFunction function, Span<float> values)
    {
        switch (function)
        {
            case ActivationFunction.Relu: Apply<ReluFunction<CpuMath>>(path, values, values); break;
            case ActivationFunction.Gelu: Apply<GeluFunction<CpuMath>>(path, values, values); break;
            case ActivationFunction.GeluTanh: Apply<GeluTanhFunction<CpuMath>>(path, values, values); break;
            case ActivationFunction.Silu: Apply<SiluFunction<CpuMath>>(path, values, values); break;
            case ActivationFunction.Tanh: Apply<TanhFunction<CpuMath>>(path, values, values); break;
            default: Apply<SigmoidFunction<CpuMath>>(path, values, values); break;
        }
    }

    /// <summary>
    /// Applies <typeparamref name="TFunction"/> to every element of <paramref name="input"/> on
    /// <paramref name="path"/>: whole vectors, then the last partial vector through a zero-padded
    /// copy (so that every element takes the vector path). Every path gives the scalar function's bits.
    /// </summary>
    /// <typeparam name="TFunction">The function, specialized at compile time.</typeparam>
    /// <param name="path">The SIMD path (<see cref="SimdPath.Auto"/> is resolved); it must run on this processor.</param>
    /// <param name="input">The elements.</param>
    /// <param name="output">The results, as long as <paramref name="input"/>; the same memory as <paramref name="input"/> or not overlapping it.</param>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <paramref name="input"/>.</exception>
    public static void Apply<TFunction>(SimdPath path, ReadOnlySpan<float> input, Span<float> output)
        where TFunction : struct, IElementFunction
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException($"The output ({output.Length} elements) is shorter than the input ({input.Length}).", nameof(output));
        }

        switch (path == SimdPath.Auto ? SimdPaths.Default : path)
        {
            case SimdPath.Vector512:
                ApplyVectors<TFunction, SimdWidth512, Vector512<float>, VectorPair<Vector512<double>>>(input, output);
                break;
            case SimdPath.Vector256:
                ApplyVectors<TFunction, SimdWidth256, Vector256<float>, VectorPair<Vector256<double>>>(input, output);
                break;
            case SimdPath.Vector128:
                ApplyVectors<TFunction, SimdWidth128, Vector128<float>, VectorPair<Vector128<double>>>(input, output);
                break;
            default:
                TFunction function = default;
                for (int i = 0; i < input.Length; i++)
                {
                    output[i] = function.Apply(input[i]);
                }

                break;
        }
    }

    /// <summary>The vector body of <see cref="Apply{TFunction}(SimdPath, ReadOnlySpan{float}, Span{float})"/>, written once over the width.</summary>
    private static void ApplyVectors<TFunction, TWidth, TFloat, TDouble>(ReadOnlySpan<float> input, Span<float> output)
        where TFunction : struct, IElementFunction
        where TWidth : struct, ISimdWidth<TFloat, TDouble>
        where TFloat : struct
        where TDouble : struct
    {
        int lanes = TWidth.FloatCount;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int i = 0;
        for (; i <= input.Length - lanes; i += lanes)
        {
            TWidth.Store(TWidth.Apply<TFunction>(TWidth.Load(in Unsafe.Add(ref x, i))), ref Unsafe.Add(ref y, i));
        }

        if (i < input.Length)
        {
            Span<float> tail = stackalloc float[Vector512<float>.Count];
            tail.Clear();
            input[i..].CopyTo(tail);
            ref float t = ref MemoryMarshal.GetReference(tail);
            TWidth.Store(TWidth.Apply<TFunction>(TWidth.Load(in t)), ref t);
            tail[..(input.Length - i)].CopyTo(output[i..]);
        }
    }

    /// <summary>Applies <typeparamref name="TFunction"/> to rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU. Only generated code calls it.</summary>
    /// <typeparam name="TFunction">The function, specialized at compile time (with <see cref="CpuMath"/>).</typeparam>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Rows<TFunction>(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd, int features)
        where TFunction : struct, IElementFunction
    {
        // The rows are contiguous and every element is independent: one span, one partial vector at its end.
        int start = rowStart * features, length = (rowEnd - rowStart) * features;
        Apply<TFunction>(path, input.Slice(start, length), output.Slice(start, length));
    }

    /// <summary>Applies <typeparamref name="TFunction"/> with the calling warp to 32 elements of one row: warp w of the launch (<see cref="RowWarps"/>) takes row w / ⌈features / 32⌉ and its elements from 32 · (w mod ⌈features / 32⌉), lane j one of them. Only generated code calls it.</summary>
    /// <typeparam name="TFunction">The function, specialized at compile time (with the kernel's arithmetic).</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> itself.</param>
    /// <param name="rows">The rows in the launch.</param>
    /// <param name="features">The row length.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WarpRow<TFunction>(ArrayView<float> input, ArrayView<float> output, int rows, int features)
        where TFunction : struct, IElementFunction
    {
        int warpsPerRow = (features + CanonicalReduction.Lanes - 1) / CanonicalReduction.Lanes;
        long warp = RowWarps.Index;
        long row = warp / warpsPerRow;
        int i = ((int)(warp % warpsPerRow) * CanonicalReduction.Lanes) + Warp.LaneIdx;
        if (row < rows && i < features)
        {
            long at = (row * features) + i;
            output[at] = default(TFunction).Apply(input[at]);
        }
    }
}
