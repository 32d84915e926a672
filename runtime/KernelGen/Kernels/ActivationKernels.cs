using System;
using ILGPU;

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

    /// <summary>Applies <typeparamref name="TFunction"/> to rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <typeparam name="TFunction">The function, specialized at compile time (with <see cref="CpuMath"/>).</typeparam>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    public static void Rows<TFunction>(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd, int features)
        where TFunction : struct, IElementFunction
    {
        TFunction function = default;
        for (int i = rowStart * features; i < rowEnd * features; i++)
        {
            output[i] = function.Apply(input[i]);
        }
    }

    /// <summary>Applies <typeparamref name="TFunction"/> to row <c>Grid.IdxX</c> with the calling group of 32 threads (thread j: elements j, j + 32, …).</summary>
    /// <typeparam name="TFunction">The function, specialized at compile time (with the kernel's arithmetic).</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> itself.</param>
    /// <param name="features">The row length.</param>
    public static void GroupRow<TFunction>(ArrayView<float> input, ArrayView<float> output, int features)
        where TFunction : struct, IElementFunction
    {
        TFunction function = default;
        long rowStart = (long)Grid.IdxX * features;
        for (int i = Group.IdxX; i < features; i += CanonicalReduction.Lanes)
        {
            output[rowStart + i] = function.Apply(input[rowStart + i]);
        }
    }
}
