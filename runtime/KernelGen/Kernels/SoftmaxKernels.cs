using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace KernelGen;

/// <summary>
/// The row algorithms of <see cref="SoftmaxLayer"/>, once for the CPU and once for a GPU group of 32
/// threads per row, step for step the same operations. On the CPU's vector paths the canonical max and
/// sum run on 32-lane blocks (<see cref="LaneReduction"/>) and the exponentials on vector
/// <see cref="DetMath.Exp(System.Runtime.Intrinsics.Vector512{float})"/>, every lane the scalar bits.
/// </summary>
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

    /// <summary>Softmax or log-softmax of row <c>Grid.IdxX</c> with the calling group of 32 threads (thread j: elements j, j + 32, …).</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="input">All input rows.</param>
    /// <param name="output">All output rows; may be <paramref name="input"/> itself.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    /// <param name="features">The row length.</param>
    /// <param name="isLog">Whether to compute the log-softmax.</param>
    public static void GroupRow<TMath>(ArrayView<float> input, ArrayView<float> output, ArrayView<float> scratch, int features, bool isLog)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Group.IdxX;
        long rowStart = (long)Grid.IdxX * features;
        float max = float.NegativeInfinity;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            max = CanonicalReduction.Max(max, input[rowStart + i]);
        }

        max = GroupReduction.Max(max, scratch);
        float sum = -0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            sum = math.Add(sum, DetMath.Exp<TMath>(math.Add(input[rowStart + i], -max)));
        }

        sum = GroupReduction.Sum<TMath>(sum, scratch);
        float logSum = isLog ? DetMath.Log<TMath>(sum) : 0f;
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float shifted = math.Add(input[rowStart + i], -max);
            output[rowStart + i] = DetMath.CanonicalizeNaN(isLog ? math.Add(shifted, -logSum) : DetMath.Exp<TMath>(shifted) / sum);
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
        float sum = TBlock.SumTree(LaneReduction.Partials<TBlock, ExponentialSumStep>(x, -0f, new ExponentialSumStep(max, isLog ? default : y)));
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (isLog)
        {
            float logSum = DetMath.Log(sum);
            TBlock maxLanes = TBlock.Create(max), logSumLanes = TBlock.Create(logSum);
            for (; i <= x.Length - TBlock.Count; i += TBlock.Count)
            {
                TBlock.Store(TBlock.CanonicalizeNaN((TBlock.Load(ref Unsafe.Add(ref x0, i)) - maxLanes) - logSumLanes), ref Unsafe.Add(ref y0, i));
            }

            for (; i < x.Length; i++)
            {
                y[i] = DetMath.CanonicalizeNaN((x[i] - max) - logSum);
            }

            return;
        }

        TBlock sumLanes = TBlock.Create(sum);
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
}
