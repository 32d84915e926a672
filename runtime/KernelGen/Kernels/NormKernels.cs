using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace KernelGen;

/// <summary>
/// The row algorithms of <see cref="LayerNormLayer"/> and <see cref="RmsNormLayer"/>, once for the
/// CPU (spans, the canonical reduction on vector registers or scalars) and once for a GPU group of 32
/// threads per row (<see cref="GroupReduction"/>), step for step the same operations. Generated layers
/// call them with their declared shape as constants. Every output passes through
/// <see cref="DetMath.CanonicalizeNaN(float)"/>.
/// </summary>
/// <remarks>
/// A declared <see cref="ResidualAdd"/> is fused into the row: <see cref="ResidualAdd.AfterNorm"/> adds
/// <c>residual[i]</c> to each normalized value as its last rounded step, <see cref="ResidualAdd.BeforeNorm"/>
/// first writes the rounded sums <c>x[i] + residual[i]</c> to the output row and normalizes that row — the
/// bits of the separate <see cref="Elementwise.Add"/> and normalization, with each row read from memory once.
/// </remarks>
public static class NormKernels
{
    /// <summary>Layer-normalizes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="residual">All residual rows (as many values as <paramref name="input"/>); ignored with <see cref="ResidualAdd.None"/>.</param>
    /// <param name="parameters">Weight then bias, as present.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/> or <paramref name="residual"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="hasWeight">Whether parameters start with a weight.</param>
    /// <param name="hasBias">Whether a bias follows the weight.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    public static void LayerNormRows(
        SimdPath path,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> residual,
        ReadOnlySpan<float> parameters,
        Span<float> output,
        int rowStart,
        int rowEnd,
        int features,
        float epsilon,
        bool hasWeight,
        bool hasBias,
        ResidualAdd residualAdd)
    {
        var norm = new RowNormalization(
            centered: true, epsilon, parameters[..(hasWeight ? features : 0)], hasBias ? parameters.Slice(features, features) : default, residualAdd);
        norm.Rows(path, input, residual, output, rowStart, rowEnd, features);
    }

    /// <summary>RMS-normalizes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="residual">All residual rows (as many values as <paramref name="input"/>); ignored with <see cref="ResidualAdd.None"/>.</param>
    /// <param name="parameters">The weight, when present.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/> or <paramref name="residual"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the mean of squares.</param>
    /// <param name="hasWeight">Whether the row is scaled by a weight.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    public static void RmsNormRows(
        SimdPath path,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> residual,
        ReadOnlySpan<float> parameters,
        Span<float> output,
        int rowStart,
        int rowEnd,
        int features,
        float epsilon,
        bool hasWeight,
        ResidualAdd residualAdd)
    {
        var norm = new RowNormalization(centered: false, epsilon, parameters[..(hasWeight ? features : 0)], default, residualAdd);
        norm.Rows(path, input, residual, output, rowStart, rowEnd, features);
    }

    /// <summary>Layer-normalizes row <c>Grid.IdxX</c> with the calling group of 32 threads (thread j: elements j, j + 32, …).</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="residual">All residual rows; ignored (any valid view) with <see cref="ResidualAdd.None"/>.</param>
    /// <param name="parameters">Weight then bias, as present.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> or <paramref name="residual"/> itself.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="hasWeight">Whether parameters start with a weight.</param>
    /// <param name="hasBias">Whether a bias follows the weight.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    public static void LayerNormGroupRow<TMath>(
        ArrayView<float> input,
        ArrayView<float> residual,
        ArrayView<float> parameters,
        ArrayView<float> output,
        ArrayView<float> scratch,
        int features,
        float epsilon,
        bool hasWeight,
        bool hasBias,
        ResidualAdd residualAdd)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Group.IdxX;
        long rowStart = (long)Grid.IdxX * features;
        ArrayView<float> x = SumBeforeNorm<TMath>(input, residual, output, rowStart, features, residualAdd);

        float sum = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            sum = math.Add(sum, x[rowStart + i]);
        }

        float mean = GroupReduction.Sum<TMath>(sum, scratch) / features;

        float squares = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float deviation = math.Add(x[rowStart + i], -mean);
            squares = math.Fma(deviation, deviation, squares);
        }

        float variance = GroupReduction.Sum<TMath>(squares, scratch) / features;
        float scale = DetMath.Rsqrt<TMath>(math.Add(variance, epsilon));
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float normalized = math.Mul(math.Add(x[rowStart + i], -mean), scale);
            float value = hasBias ? math.Fma(normalized, parameters[i], parameters[features + i])
                : hasWeight ? math.Mul(normalized, parameters[i])
                : normalized;
            output[rowStart + i] = DetMath.CanonicalizeNaN(residualAdd == ResidualAdd.AfterNorm ? math.Add(residual[rowStart + i], value) : value);
        }
    }

    /// <summary>RMS-normalizes row <c>Grid.IdxX</c> with the calling group of 32 threads.</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="residual">All residual rows; ignored (any valid view) with <see cref="ResidualAdd.None"/>.</param>
    /// <param name="parameters">The weight, when present.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> or <paramref name="residual"/> itself.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the mean of squares.</param>
    /// <param name="hasWeight">Whether the row is scaled by a weight.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    public static void RmsNormGroupRow<TMath>(
        ArrayView<float> input,
        ArrayView<float> residual,
        ArrayView<float> parameters,
        ArrayView<float> output,
        ArrayView<float> scratch,
        int features,
        float epsilon,
        bool hasWeight,
        ResidualAdd residualAdd)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Group.IdxX;
        long rowStart = (long)Grid.IdxX * features;
        ArrayView<float> x = SumBeforeNorm<TMath>(input, residual, output, rowStart, features, residualAdd);

        float squares = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float value = math.Add(x[rowStart + i], -0f);
            squares = math.Fma(value, value, squares);
        }

        float meanSquare = GroupReduction.Sum<TMath>(squares, scratch) / features;
        float scale = DetMath.Rsqrt<TMath>(math.Add(meanSquare, epsilon));
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float normalized = math.Mul(x[rowStart + i], scale);
            float value = hasWeight ? math.Mul(normalized, parameters[i]) : normalized;
            output[rowStart + i] = DetMath.CanonicalizeNaN(residualAdd == ResidualAdd.AfterNorm ? math.Add(residual[rowStart + i], value) : value);
        }
    }

    /// <summary>
    /// With <see cref="ResidualAdd.BeforeNorm"/>, writes this thread's sums <c>x[i] + residual[i]</c> (canonicalized,
    /// as <see cref="GpuElementwise.Add"/>) to the output row and returns the output, which the row is then
    /// normalized from; otherwise returns <paramref name="input"/>. Each thread reads back only what it wrote.
    /// </summary>
    private static ArrayView<float> SumBeforeNorm<TMath>(ArrayView<float> input, ArrayView<float> residual, ArrayView<float> output, long rowStart, int features, ResidualAdd residualAdd)
        where TMath : struct, IKernelMath
    {
        if (residualAdd != ResidualAdd.BeforeNorm)
        {
            return input;
        }

        for (int i = Group.IdxX; i < features; i += CanonicalReduction.Lanes)
        {
            output[rowStart + i] = DetMath.CanonicalizeNaN(default(TMath).Add(input[rowStart + i], residual[rowStart + i]));
        }

        return output;
    }

    /// <summary>
    /// One normalization of rows on the CPU: the statistics (mean and variance, or the mean of squares), the
    /// scale <c>r = rsqrt(spread + ε)</c>, then per element <c>normalized = (x − mean) · r</c> (or <c>x · r</c>),
    /// <c>fma(normalized, w, b)</c> / <c>normalized · w</c>, and the residual as declared.
    /// </summary>
    /// <param name="centered">LayerNorm (subtract the mean) rather than RMSNorm.</param>
    /// <param name="epsilon">Added to the spread.</param>
    /// <param name="weight">The weight, or empty.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    private readonly ref struct RowNormalization(bool centered, float epsilon, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ResidualAdd residualAdd)
    {
        private readonly ReadOnlySpan<float> _weight = weight;
        private readonly ReadOnlySpan<float> _bias = bias;

        public void Rows(SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, int rowStart, int rowEnd, int features)
        {
            for (int row = rowStart; row < rowEnd; row++)
            {
                ReadOnlySpan<float> x = input.Slice(row * features, features);
                ReadOnlySpan<float> r = residualAdd == ResidualAdd.None ? default : residual.Slice(row * features, features);
                Span<float> y = output.Slice(row * features, features);
                switch (path)
                {
                    case SimdPath.Vector512:
                        Row<LaneBlock512>(x, r, y);
                        break;
                    case SimdPath.Vector256:
                        Row<LaneBlock256>(x, r, y);
                        break;
                    case SimdPath.Vector128:
                        Row<LaneBlock128>(x, r, y);
                        break;
                    default:
                        ScalarRow(x, r, y);
                        break;
                }
            }
        }

        /// <summary>The scalar reference: <see cref="CanonicalReduction"/>'s scalar loops and one element at a time.</summary>
        private void ScalarRow(ReadOnlySpan<float> x, ReadOnlySpan<float> residual, Span<float> y)
        {
            if (residualAdd == ResidualAdd.BeforeNorm)
            {
                Elementwise.AddScalar(x, residual, y);
                x = y;
            }

            float mean = centered ? CanonicalReduction.Sum(x) / x.Length : 0f;
            float spread = CanonicalReduction.SumOfSquaredDeviations(x, mean) / x.Length;
            float scale = DetMath.Rsqrt(spread + epsilon);
            ReadOnlySpan<float> addend = residualAdd == ResidualAdd.AfterNorm ? residual : default;
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = Element(x[i], i, mean, scale, addend);
            }
        }

        /// <summary>The same row on 32-lane blocks: <see cref="LaneReduction"/>, then the elements 32 at a time and the last few one at a time.</summary>
        private void Row<TBlock>(ReadOnlySpan<float> x, ReadOnlySpan<float> residual, Span<float> y)
            where TBlock : struct, IFloatLanes<TBlock>
        {
            if (residualAdd == ResidualAdd.BeforeNorm)
            {
                Elementwise.Add<TBlock>(x, residual, y);
                x = y;
            }

            float mean = centered ? LaneReduction.Sum<TBlock>(x) / x.Length : 0f;
            float spread = LaneReduction.SumOfSquaredDeviations<TBlock>(x, mean) / x.Length;
            float scale = DetMath.Rsqrt(spread + epsilon);
            ReadOnlySpan<float> addend = residualAdd == ResidualAdd.AfterNorm ? residual : default;

            bool hasWeight = !_weight.IsEmpty, hasBias = !_bias.IsEmpty, hasAddend = !addend.IsEmpty;
            TBlock meanLanes = TBlock.Create(mean), scaleLanes = TBlock.Create(scale);
            ref float x0 = ref MemoryMarshal.GetReference(x);
            ref float w0 = ref MemoryMarshal.GetReference(_weight);
            ref float b0 = ref MemoryMarshal.GetReference(_bias);
            ref float r0 = ref MemoryMarshal.GetReference(addend);
            ref float y0 = ref MemoryMarshal.GetReference(y);
            int i = 0;

            // Each block is loaded before it is stored, so y may be x or the residual itself.
            for (; i <= x.Length - TBlock.Count; i += TBlock.Count)
            {
                TBlock value = TBlock.Load(ref Unsafe.Add(ref x0, i));
                TBlock normalized = centered ? (value - meanLanes) * scaleLanes : value * scaleLanes;
                TBlock result = hasBias ? TBlock.Fma(normalized, TBlock.Load(ref Unsafe.Add(ref w0, i)), TBlock.Load(ref Unsafe.Add(ref b0, i)))
                    : hasWeight ? normalized * TBlock.Load(ref Unsafe.Add(ref w0, i))
                    : normalized;
                if (hasAddend)
                {
                    result = TBlock.Load(ref Unsafe.Add(ref r0, i)) + result;
                }

                TBlock.Store(TBlock.CanonicalizeNaN(result), ref Unsafe.Add(ref y0, i));
            }

            for (; i < x.Length; i++)
            {
                y[i] = Element(x[i], i, mean, scale, addend);
            }
        }

        /// <summary>One output: the normalized, weighted value, then <c>addend[i] +</c> it when there is an addend.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private float Element(float x, int i, float mean, float scale, ReadOnlySpan<float> addend)
        {
            float normalized = centered ? (x - mean) * scale : x * scale;
            float result = !_bias.IsEmpty ? DetMath.Fma(normalized, _weight[i], _bias[i])
                : !_weight.IsEmpty ? normalized * _weight[i]
                : normalized;
            return DetMath.CanonicalizeNaN(addend.IsEmpty ? result : addend[i] + result);
        }
    }
}
