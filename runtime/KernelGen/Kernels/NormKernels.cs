using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// The row algorithms of <see cref="LayerNormLayer"/> and <see cref="RmsNormLayer"/>, once for the
/// CPU (spans, the canonical reduction on vector registers or scalars) and once for a GPU warp per row
/// (<see cref="LaneRow"/>, <see cref="WarpReduction"/>), step for step the same operations. Generated layers
/// call them with their declared shape as constants. Every output passes through
/// <see cref="DetMath.CanonicalizeNaN(float)"/>.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
/// <remarks>
/// A declared <see cref="ResidualAdd"/> is fused into the row: <see cref="ResidualAdd.AfterNorm"/> adds
/// <c>residual[i]</c> to each normalized value as its last rounded step, <see cref="ResidualAdd.BeforeNorm"/>
/// first writes the rounded sums <c>x[i] + residual[i]</c> to the output row and normalizes that row — the
/// bits of the separate <see cref="Elementwise.Add"/> and normalization, with each row read from memory once.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
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

    /// <summary>Layer-normalizes one row with the calling warp (<see cref="RowWarps"/>; lane j: elements j, j + 32, …).</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="residual">All residual rows; ignored (any valid view) with <see cref="ResidualAdd.None"/>.</param>
    /// <param name="parameters">Weight then bias, as present.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> or <paramref name="residual"/> itself.</param>
    /// <param name="rows">The rows in the launch.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="hasWeight">Whether parameters start with a weight.</param>
    /// <param name="hasBias">Whether a bias follows the weight.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    public static void LayerNormWarpRow<TMath>(
        ArrayView<float> input,
        ArrayView<float> residual,
        ArrayView<float> parameters,
        ArrayView<float> output,
        int rows,
        int features,
        float epsilon,
        bool hasWeight,
        bool hasBias,
        ResidualAdd residualAdd)
        where TMath : struct, IKernelMath =>
        WarpRow(input, residual, new NormOutputVisitor<TMath>(output, residual, parameters, features, centered: true, epsilon, hasWeight, hasBias, residualAdd), rows, features);

    /// <summary>RMS-normalizes one row with the calling warp (<see cref="RowWarps"/>; lane j: elements j, j + 32, …).</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="residual">All residual rows; ignored (any valid view) with <see cref="ResidualAdd.None"/>.</param>
    /// <param name="parameters">The weight, when present.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> or <paramref name="residual"/> itself.</param>
    /// <param name="rows">The rows in the launch.</param>
    /// <param name="features">The row length.</param>
    /// <param name="epsilon">Added to the mean of squares.</param>
    /// <param name="hasWeight">Whether the row is scaled by a weight.</param>
    /// <param name="residualAdd">Whether and where the residual is added.</param>
    public static void RmsNormWarpRow<TMath>(
        ArrayView<float> input,
        ArrayView<float> residual,
        ArrayView<float> parameters,
        ArrayView<float> output,
        int rows,
        int features,
        float epsilon,
        bool hasWeight,
        ResidualAdd residualAdd)
        where TMath : struct, IKernelMath =>
        WarpRow(input, residual, new NormOutputVisitor<TMath>(output, residual, parameters, features, centered: false, epsilon, hasWeight, hasBias: false, residualAdd), rows, features);

    /// <summary>
    /// The GPU row: statistics, scale, outputs (<paramref name="norm"/>). A row of at most <see cref="LaneRow.Capacity"/>
    /// is read once into registers (with <see cref="ResidualAdd.BeforeNorm"/>, the rounded sums <c>x + residual</c>);
    /// a longer one is read at each pass (with <see cref="ResidualAdd.BeforeNorm"/>, the sums are first written to the
    /// output row, which each lane reads back only where it wrote). The same operations in the same order either way.
    /// </summary>
    private static void WarpRow<TMath>(ArrayView<float> input, ArrayView<float> residual, NormOutputVisitor<TMath> norm, int rows, int features)
        where TMath : struct, IKernelMath
    {
        long row = RowWarps.Index;
        if (row >= rows)
        {
            return;
        }

        int lane = Warp.LaneIdx;
        norm.RowStart = row * features;
        var sum = new SumVisitor<TMath>();
        if (features <= LaneRow.Capacity)
        {
            LaneRow x = default;
            if (norm.ResidualAdd == ResidualAdd.BeforeNorm)
            {
                var load = new LoadSumVisitor<TMath>(input, residual, norm.RowStart);
                x.Visit(ref load, lane, features);
            }
            else
            {
                var load = new LoadVisitor(input, norm.RowStart);
                x.Visit(ref load, lane, features);
            }

            if (norm.Centered)
            {
                x.Visit(ref sum, lane, features);
            }

            var squares = new SquaredDeviationVisitor<TMath>(norm.Centered ? WarpReduction.Sum<TMath>(sum.Partial) / features : 0f);
            x.Visit(ref squares, lane, features);
            norm.SetStatistics(squares);
            x.Visit(ref norm, lane, features);
        }
        else
        {
            ArrayView<float> source = input;
            if (norm.ResidualAdd == ResidualAdd.BeforeNorm)
            {
                var sums = new LoadSumVisitor<TMath>(input, residual, norm.RowStart);
                var store = new StoreVisitor(norm.Output, norm.RowStart);
                for (int i = lane; i < features; i += CanonicalReduction.Lanes)
                {
                    float value = 0f;
                    sums.Visit(ref value, i);
                    store.Visit(ref value, i);
                }

                source = norm.Output;
            }

            if (norm.Centered)
            {
                LaneLoop.Visit(ref sum, source, norm.RowStart, lane, features);
            }

            var squares = new SquaredDeviationVisitor<TMath>(norm.Centered ? WarpReduction.Sum<TMath>(sum.Partial) / features : 0f);
            LaneLoop.Visit(ref squares, source, norm.RowStart, lane, features);
            norm.SetStatistics(squares);
            LaneLoop.Visit(ref norm, source, norm.RowStart, lane, features);
        }
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

        /// <summary>The same row on 32-lane blocks: <see cref="LaneReduction"/>, then <see cref="WriteRow{TBlock}"/>.</summary>
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
            WriteRow<TBlock>(x, residualAdd == ResidualAdd.AfterNorm ? residual : default, y, mean, scale);
        }

        /// <summary>The outputs 32 at a time, then the last few one at a time (a root of its own for the JIT's inlining budget).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteRow<TBlock>(ReadOnlySpan<float> x, ReadOnlySpan<float> addend, Span<float> y, float mean, float scale)
            where TBlock : struct, IFloatLanes<TBlock>
        {
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

    /// <summary>
    /// A GPU row's outputs: <c>normalized = (x − mean) · r</c> (or <c>x · r</c>), <c>fma(normalized, w, b)</c> /
    /// <c>normalized · w</c>, then <c>residual[i] +</c> it with <see cref="ResidualAdd.AfterNorm"/>, NaN canonicalized.
    /// </summary>
    private struct NormOutputVisitor<TMath>(
        ArrayView<float> output, ArrayView<float> residual, ArrayView<float> parameters, int features, bool centered, float epsilon, bool hasWeight, bool hasBias, ResidualAdd residualAdd) : ILaneVisitor
        where TMath : struct, IKernelMath
    {
        public readonly ArrayView<float> Output = output;
        public readonly bool Centered = centered;
        public readonly ResidualAdd ResidualAdd = residualAdd;
        public long RowStart;
        private float _mean;
        private float _scale;

        /// <summary>Takes the mean (the deviations' center) and <c>r = rsqrt(spread + ε)</c> from the lanes' partials of the squared deviations.</summary>
        public void SetStatistics(SquaredDeviationVisitor<TMath> squares)
        {
            _mean = squares.Center;
            float spread = WarpReduction.Sum<TMath>(squares.Partial) / features;
            _scale = DetMath.Rsqrt<TMath>(default(TMath).Add(spread, epsilon));
        }

        public readonly void Visit(ref float value, int index)
        {
            TMath math = default;
            float normalized = Centered ? math.Mul(math.Add(value, -_mean), _scale) : math.Mul(value, _scale);
            float result = hasBias ? math.Fma(normalized, parameters[index], parameters[features + index])
                : hasWeight ? math.Mul(normalized, parameters[index])
                : normalized;
            Output[RowStart + index] = DetMath.CanonicalizeNaN(ResidualAdd == ResidualAdd.AfterNorm ? math.Add(residual[RowStart + index], result) : result);
        }
    }
}
