using System;
using ILGPU;

namespace KernelGen;

/// <summary>
/// The row algorithms of <see cref="LayerNormLayer"/> and <see cref="RmsNormLayer"/>, once for the
/// CPU (spans, <see cref="CanonicalReduction"/>) and once for a GPU group of 32 threads per row
/// (<see cref="GroupReduction"/>), step for step the same operations. Generated layers call them
/// with their declared shape as constants. Every output passes through
/// <see cref="DetMath.CanonicalizeNaN(float)"/>.
/// </summary>
public static class NormKernels
{
    /// <summary>Layer-normalizes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="parameters">Weight then bias, as present.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="hasWeight">Whether parameters start with a weight.</param>
    /// <param name="hasBias">Whether a bias follows the weight.</param>
    public static void LayerNormRows(
        SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> output, int rowStart, int rowEnd, int features, float epsilon, bool hasWeight, bool hasBias)
    {
        for (int row = rowStart; row < rowEnd; row++)
        {
            ReadOnlySpan<float> x = input.Slice(row * features, features);
            Span<float> y = output.Slice(row * features, features);
            float mean = CanonicalReduction.Sum(x) / features;
            float variance = CanonicalReduction.SumOfSquaredDeviations(x, mean) / features;
            float scale = DetMath.Rsqrt(variance + epsilon);
            for (int i = 0; i < features; i++)
            {
                float normalized = (x[i] - mean) * scale;
                y[i] = DetMath.CanonicalizeNaN(
                    hasBias ? DetMath.Fma(normalized, parameters[i], parameters[features + i])
                    : hasWeight ? normalized * parameters[i]
                    : normalized);
            }
        }
    }

    /// <summary>Layer-normalizes row <c>Grid.IdxX</c> with the calling group of 32 threads (thread j: elements j, j + 32, …).</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="parameters">Weight then bias, as present.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> itself.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="hasWeight">Whether parameters start with a weight.</param>
    /// <param name="hasBias">Whether a bias follows the weight.</param>
    public static void LayerNormGroupRow<TMath>(
        ArrayView<float> input, ArrayView<float> parameters, ArrayView<float> output, ArrayView<float> scratch, int features, float epsilon, bool hasWeight, bool hasBias)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Group.IdxX;
        long rowStart = (long)Grid.IdxX * features;

        float sum = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            sum = math.Add(sum, input[rowStart + i]);
        }

        float mean = GroupReduction.Sum<TMath>(sum, scratch) / features;

        float squares = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float deviation = math.Add(input[rowStart + i], -mean);
            squares = math.Fma(deviation, deviation, squares);
        }

        float variance = GroupReduction.Sum<TMath>(squares, scratch) / features;
        float scale = DetMath.Rsqrt<TMath>(math.Add(variance, epsilon));
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float normalized = math.Mul(math.Add(input[rowStart + i], -mean), scale);
            output[rowStart + i] = DetMath.CanonicalizeNaN(
                hasBias ? math.Fma(normalized, parameters[i], parameters[features + i])
                : hasWeight ? math.Mul(normalized, parameters[i])
                : normalized);
        }
    }

    /// <summary>RMS-normalizes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="parameters">The weight, when present.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the mean of squares.</param>
    /// <param name="hasWeight">Whether the row is scaled by a weight.</param>
    public static void RmsNormRows(
        SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> output, int rowStart, int rowEnd, int features, float epsilon, bool hasWeight)
    {
        for (int row = rowStart; row < rowEnd; row++)
        {
            ReadOnlySpan<float> x = input.Slice(row * features, features);
            Span<float> y = output.Slice(row * features, features);
            float meanSquare = CanonicalReduction.SumOfSquaredDeviations(x, 0f) / features;
            float scale = DetMath.Rsqrt(meanSquare + epsilon);
            for (int i = 0; i < features; i++)
            {
                float normalized = x[i] * scale;
                y[i] = DetMath.CanonicalizeNaN(hasWeight ? normalized * parameters[i] : normalized);
            }
        }
    }

    /// <summary>RMS-normalizes row <c>Grid.IdxX</c> with the calling group of 32 threads.</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="parameters">The weight, when present.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> itself.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the mean of squares.</param>
    /// <param name="hasWeight">Whether the row is scaled by a weight.</param>
    public static void RmsNormGroupRow<TMath>(
        ArrayView<float> input, ArrayView<float> parameters, ArrayView<float> output, ArrayView<float> scratch, int features, float epsilon, bool hasWeight)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Group.IdxX;
        long rowStart = (long)Grid.IdxX * features;

        float squares = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float value = math.Add(input[rowStart + i], -0f);
            squares = math.Fma(value, value, squares);
        }

        float meanSquare = GroupReduction.Sum<TMath>(squares, scratch) / features;
        float scale = DetMath.Rsqrt<TMath>(math.Add(meanSquare, epsilon));
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float normalized = math.Mul(input[rowStart + i], scale);
            output[rowStart + i] = DetMath.CanonicalizeNaN(hasWeight ? math.Mul(normalized, parameters[i]) : normalized);
        }
    }
}
