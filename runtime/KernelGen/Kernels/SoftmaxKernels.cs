using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// The row algorithms of <see cref="SoftmaxLayer"/>, once for the CPU and once for a GPU warp per row, step for step the same operations. On the CPU's vector paths the canonical max and
/// sum run on 32-lane blocks (<see cref="LaneReduction"/>) and the exponentials on vector
/// <see cref="DetMath.Exp(System.Runtime.Intrinsics.Vector512{float})"/>, every lane the scalar bits.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SoftmaxKernels
{
    /// <summary>Softmax or log-softmax of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <param name="path">A concrete, supported SIMD path; every path gives the same bits.</param>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    /// <param name="isLog">Whether to compute the log-softmax.</param>
    public static void Rows(SimdPath path, ReadOnlySpan<float> input, Span<float> output, int rowStart, int rowEnd, int features, bool isLog)
    {
        for (int row = rowStart; row < rowEnd; row++)
        {
            ReadOnlySpan<float> x = input.Slice(row * features, features);
            Span<float> y = output.Slice(row * features, features);
            switch (path)
            {
                case SimdPath.Vector512:
                    Row<LaneBlock512>(x, y, isLog);
                    break;
                case SimdPath.Vector256:
                    Row<LaneBlock256>(x, y, isLog);
                    break;
                case SimdPath.Vector128:
                    Row<LaneBlock128>(x, y, isLog);
                    break;
                default:
                    ScalarRow(x, y, isLog);
                    break;
            }
        }
    }

    /// <summary>Softmax or log-softmax of one row with the calling warp (<see cref="RowWarps"/>; lane j: elements j, j + 32, …).</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> itself.</param>
    /// <param name="rows">The rows in the launch.</param>
    /// <param name="features">The row length.</param>
    /// <param name="isLog">Whether to compute the log-softmax.</param>
    /// <remarks>Rows of at most <see cref="LaneRow.Capacity"/> are read once into registers, which then hold each
    /// <c>Exp(x − max)</c> until it is divided (the values the CPU's vector rows keep in the output); longer rows are read
    /// three times and each exponential computed twice, as the CPU's scalar row does: the same bits.</remarks>
    public static void WarpRow<TMath>(ArrayView<float> input, ArrayView<float> output, int rows, int features, bool isLog)
        where TMath : struct, IKernelMath
    {
        long row = RowWarps.Index;
        if (row >= rows)
        {
            return;
        }

        int lane = Warp.LaneIdx;
        long rowStart = row * features;
        var max = new MaxVisitor();
        if (features <= LaneRow.Capacity)
        {
            LaneRow x = default;
            var load = new LoadVisitor(input, rowStart);
            x.Visit(ref load, lane, features);
            x.Visit(ref max, lane, features);
            var exponentials = new ExponentialSumVisitor<TMath>(WarpReduction.Max(max.Partial), keep: !isLog);
            x.Visit(ref exponentials, lane, features);
            var store = new OutputVisitor<TMath>(output, rowStart, exponentials, isLog, exponentialsHeld: !isLog);
            x.Visit(ref store, lane, features);
        }
        else
        {
            LaneLoop.Visit(ref max, input, rowStart, lane, features);
            var exponentials = new ExponentialSumVisitor<TMath>(WarpReduction.Max(max.Partial), keep: false);
            LaneLoop.Visit(ref exponentials, input, rowStart, lane, features);
            var store = new OutputVisitor<TMath>(output, rowStart, exponentials, isLog, exponentialsHeld: false);
            LaneLoop.Visit(ref store, input, rowStart, lane, features);
        }
    }

    /// <summary>The scalar reference: <see cref="CanonicalReduction"/>'s scalar lanes, one element at a time.</summary>
    private static void ScalarRow(ReadOnlySpan<float> x, Span<float> y, bool isLog)
    {
        float max = CanonicalReduction.Max(x);
        CanonicalReduction.LanePartials partials = CanonicalReduction.LanePartials.Empty;
        for (int i = 0; i < x.Length; i++)
        {
            partials[i % CanonicalReduction.Lanes] += DetMath.Exp(x[i] - max);
        }

        float sum = CanonicalReduction.Tree(ref partials);
        float logSum = isLog ? DetMath.Log(sum) : 0f;
        for (int i = 0; i < x.Length; i++)
        {
            float shifted = x[i] - max;
            y[i] = DetMath.CanonicalizeNaN(isLog ? shifted - logSum : DetMath.Exp(shifted) / sum);
        }
    }

    /// <summary>
    /// The same row on 32-lane blocks. Softmax keeps each <c>Exp(x − max)</c> in <paramref name="y"/> while it
    /// sums them and divides them in place at the end (the same values the scalar row computes twice);
    /// <paramref name="y"/> may be <paramref name="x"/>, whose elements are each read before they are overwritten.
    /// </summary>
    private static void Row<TBlock>(ReadOnlySpan<float> x, Span<float> y, bool isLog)
        where TBlock : struct, IFloatLanes<TBlock>
    {
        float max = LaneReduction.Max<TBlock>(x);
        float sum = ExponentialSum<TBlock>(x, max, isLog ? default : y);
        if (isLog)
        {
            WriteLogRow<TBlock>(x, y, max, DetMath.Log(sum));
        }
        else
        {
            DivideRow<TBlock>(y, sum);
        }
    }

    // Roots of their own (NoInlining): the JIT's inlining budget for one method does not stretch over the
    // nested lane types of the narrow paths and the vector Exp together.

    /// <summary>The canonical sum of <c>Exp(x − max)</c>, keeping each exponential in <paramref name="exponentials"/> unless it is empty.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float ExponentialSum<TBlock>(ReadOnlySpan<float> x, float max, Span<float> exponentials)
        where TBlock : struct, IFloatLanes<TBlock> =>
        TBlock.SumTree(LaneReduction.Partials<TBlock, ExponentialSumStep>(x, -0f, new ExponentialSumStep(max, exponentials)));

    /// <summary><c>y = (x − max) − logSum</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteLogRow<TBlock>(ReadOnlySpan<float> x, Span<float> y, float max, float logSum)
        where TBlock : struct, IFloatLanes<TBlock>
    {
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        TBlock maxLanes = TBlock.Create(max), logSumLanes = TBlock.Create(logSum);
        int i = 0;
        for (; i <= x.Length - TBlock.Count; i += TBlock.Count)
        {
            TBlock.Store(TBlock.CanonicalizeNaN((TBlock.Load(ref Unsafe.Add(ref x0, i)) - maxLanes) - logSumLanes), ref Unsafe.Add(ref y0, i));
        }

        for (; i < x.Length; i++)
        {
            y[i] = DetMath.CanonicalizeNaN((x[i] - max) - logSum);
        }
    }

    /// <summary><c>y = y / sum</c>, in place over the exponentials.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DivideRow<TBlock>(Span<float> y, float sum)
        where TBlock : struct, IFloatLanes<TBlock>
    {
        ref float y0 = ref MemoryMarshal.GetReference(y);
        TBlock sumLanes = TBlock.Create(sum);
        int i = 0;
        for (; i <= y.Length - TBlock.Count; i += TBlock.Count)
        {
            TBlock.Store(TBlock.CanonicalizeNaN(TBlock.Load(ref Unsafe.Add(ref y0, i)) / sumLanes), ref Unsafe.Add(ref y0, i));
        }

        for (; i < y.Length; i++)
        {
            y[i] = DetMath.CanonicalizeNaN(y[i] / sum);
        }
    }

    /// <summary>Softmax over the kept positions of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    /// <param name="input">All input rows.</param>
    /// <param name="keep">1 to keep a position, 0 to mask it (checked by the caller).</param>
    /// <param name="output">All output rows; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowStart">The first row.</param>
    /// <param name="rowEnd">One past the last row.</param>
    /// <param name="features">The row length.</param>
    /// <param name="isLog">Whether to compute the log-softmax.</param>
    public static void MaskedRows(ReadOnlySpan<float> input, ReadOnlySpan<byte> keep, Span<float> output, int rowStart, int rowEnd, int features, bool isLog)
    {
        for (int row = rowStart; row < rowEnd; row++)
        {
            ReadOnlySpan<float> x = input.Slice(row * features, features);
            ReadOnlySpan<byte> k = keep.Slice(row * features, features);
            Span<float> y = output.Slice(row * features, features);
            CanonicalReduction.LanePartials maxima = CanonicalReduction.LanePartials.NegativeInfinity;
            bool any = false;
            for (int i = 0; i < features; i++)
            {
                if (k[i] != 0)
                {
                    maxima[i % CanonicalReduction.Lanes] = CanonicalReduction.Max(maxima[i % CanonicalReduction.Lanes], x[i]);
                    any = true;
                }
            }

            float masked = isLog ? float.NegativeInfinity : 0f;
            if (!any)
            {
                y.Fill(masked);
                continue;
            }

            float max = CanonicalReduction.MaxTree(ref maxima);
            CanonicalReduction.LanePartials partials = CanonicalReduction.LanePartials.Empty;
            for (int i = 0; i < features; i++)
            {
                if (k[i] != 0)
                {
                    partials[i % CanonicalReduction.Lanes] += DetMath.Exp(x[i] - max);
                }
            }

            float sum = CanonicalReduction.Tree(ref partials);
            float logSum = isLog ? DetMath.Log(sum) : 0f;
            for (int i = 0; i < features; i++)
            {
                float shifted = x[i] - max;
                y[i] = k[i] == 0 ? masked : DetMath.CanonicalizeNaN(isLog ? shifted - logSum : DetMath.Exp(shifted) / sum);
            }
        }
    }

    /// <summary><c>p + Exp(x − max)</c>, keeping each exponential in <c>exponentials[index]</c> unless that span is empty.</summary>
    private readonly ref struct ExponentialSumStep(float max, Span<float> exponentials) : ILaneStep
    {
        private readonly Span<float> _exponentials = exponentials;

        public TLanes Apply<TLanes>(TLanes partial, TLanes value, int index)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            TLanes exponential = TLanes.Exp(value - TLanes.Create(max));
            if (!_exponentials.IsEmpty)
            {
                TLanes.Store(exponential, ref _exponentials[index]);
            }

            return partial + exponential;
        }

        public float Apply(float partial, float value, int index)
        {
            float exponential = DetMath.Exp(value - max);
            if (!_exponentials.IsEmpty)
            {
                _exponentials[index] = exponential;
            }

            return partial + exponential;
        }
    }

    /// <summary>The lane partial of <c>Σ Exp(x − max)</c>; with <c>keep</c>, each element is replaced by its exponential.</summary>
    private struct ExponentialSumVisitor<TMath>(float max, bool keep) : ILaneVisitor
        where TMath : struct, IKernelMath
    {
        public readonly float Max = max;
        public float Partial = -0f;

        public void Visit(ref float value, int index)
        {
            TMath math = default;
            float exponential = DetMath.Exp<TMath>(math.Add(value, -Max));
            Partial = math.Add(Partial, exponential);
            if (keep)
            {
                value = exponential;
            }
        }
    }

    /// <summary>Stores <c>Exp(x − max) / s</c>, or <c>(x − max) − Log(s)</c>, where s is the canonical sum of the lanes' partials.</summary>
    private readonly struct OutputVisitor<TMath> : ILaneVisitor
        where TMath : struct, IKernelMath
    {
        private readonly ArrayView<float> _output;
        private readonly long _rowStart;
        private readonly float _max;
        private readonly float _sum;
        private readonly float _logSum;
        private readonly bool _isLog;
        private readonly bool _exponentialsHeld;

        public OutputVisitor(ArrayView<float> output, long rowStart, ExponentialSumVisitor<TMath> exponentials, bool isLog, bool exponentialsHeld)
        {
            _output = output;
            _rowStart = rowStart;
            _max = exponentials.Max;
            _sum = WarpReduction.Sum<TMath>(exponentials.Partial);
            _logSum = isLog ? DetMath.Log<TMath>(_sum) : 0f;
            _isLog = isLog;
            _exponentialsHeld = exponentialsHeld;
        }

        public void Visit(ref float value, int index)
        {
            TMath math = default;
            float result = _isLog ? math.Add(math.Add(value, -_max), -_logSum)
                : (_exponentialsHeld ? value : DetMath.Exp<TMath>(math.Add(value, -_max))) / _sum;
            _output[_rowStart + index] = DetMath.CanonicalizeNaN(result);
        }
    }
}
