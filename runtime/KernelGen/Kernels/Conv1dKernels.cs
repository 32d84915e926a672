using System;
using System.ComponentModel;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// The direct sum of <see cref="Conv1dLayer"/>, once for the CPU and once for a GPU group of 32 threads
/// per row: output (oc, t) is <c>acc = 0; for ic in its group ascending, for k ascending: if the position
/// p = t·stride + k·dilation − padding is inside the row, acc = fma(x[ic, p], w[oc, ic, k], acc)</c>, then
/// the bias added once. Padded positions are skipped, never multiplied.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Conv1dKernels
{
    /// <summary>Convolves rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) on the CPU.</summary>
    public static void Rows(SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> output, int rowStart, int rowEnd, Conv1dShape shape)
    {
        int inRow = shape.InChannels * shape.InputLength;
        int outRow = shape.OutChannels * shape.OutputLength;
        for (int row = rowStart; row < rowEnd; row++)
        {
            ReadOnlySpan<float> x = input.Slice(row * inRow, inRow);
            Span<float> y = output.Slice(row * outRow, outRow);
            for (int o = 0; o < outRow; o++)
            {
                y[o] = Output(x, parameters, o, shape);
            }
        }
    }

    /// <summary>Convolves one row with the calling warp (<see cref="RowWarps"/>; lane j: outputs j, j + 32, …).</summary>
    public static void WarpRow<TMath>(ArrayView<float> input, ArrayView<float> parameters, ArrayView<float> output, int rows, Conv1dShape shape)
        where TMath : struct, IKernelMath
    {
        long row = RowWarps.Index;
        if (row >= rows)
        {
            return;
        }

        TMath math = default;
        int inRow = shape.InChannels * shape.InputLength;
        int outRow = shape.OutChannels * shape.OutputLength;
        long xBase = row * inRow;
        long yBase = row * outRow;
        for (int o = Warp.LaneIdx; o < outRow; o += CanonicalReduction.Lanes)
        {
            int oc = o / shape.OutputLength;
            int t = o % shape.OutputLength;
            int firstIn = oc / shape.GroupOutChannels * shape.GroupInChannels;
            float acc = 0f;
            for (int icl = 0; icl < shape.GroupInChannels; icl++)
            {
                long wBase = ((long)((oc * shape.GroupInChannels) + icl)) * shape.KernelSize;
                long xChannel = xBase + ((long)(firstIn + icl) * shape.InputLength);
                for (int k = 0; k < shape.KernelSize; k++)
                {
                    int p = (t * shape.Stride) + (k * shape.Dilation) - shape.Padding;
                    if (p >= 0 && p < shape.InputLength)
                    {
                        acc = math.Fma(input[xChannel + p], parameters[wBase + k], acc);
                    }
                }
            }

            output[yBase + o] = DetMath.CanonicalizeNaN(shape.HasBias != 0 ? math.Add(acc, parameters[shape.WeightLength + oc]) : acc);
        }
    }

    private static float Output(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int o, Conv1dShape shape)
    {
        int oc = o / shape.OutputLength;
        int t = o % shape.OutputLength;
        int firstIn = oc / shape.GroupOutChannels * shape.GroupInChannels;
        float acc = 0f;
        for (int icl = 0; icl < shape.GroupInChannels; icl++)
        {
            int wBase = ((oc * shape.GroupInChannels) + icl) * shape.KernelSize;
            int xChannel = (firstIn + icl) * shape.InputLength;
            for (int k = 0; k < shape.KernelSize; k++)
            {
                int p = (t * shape.Stride) + (k * shape.Dilation) - shape.Padding;
                if (p >= 0 && p < shape.InputLength)
                {
                    acc = DetMath.Fma(x[xChannel + p], parameters[wBase + k], acc);
                }
            }
        }

        return DetMath.CanonicalizeNaN(shape.HasBias != 0 ? acc + parameters[shape.WeightLength + oc] : acc);
    }
}
