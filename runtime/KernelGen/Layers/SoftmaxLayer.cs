using System;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The base of every generated softmax and log-softmax (<see cref="SoftmaxAttribute"/>,
/// <see cref="LogSoftmaxAttribute"/>). No parameters; it may run in place.
/// </summary>
/// <remarks>
/// Per row: <c>m</c> = canonical 32-lane max; <c>s</c> = canonical 32-lane sum of
/// <c>e_i = DetMath.Exp(x_i − m)</c>; softmax <c>y_i = e_i / s</c>; log-softmax
/// <c>y_i = (x_i − m) − DetMath.Log(s)</c>. With a keep-mask (<see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{byte}, Span{float})"/>),
/// masked positions are skipped in the max and the sum — they contribute exactly nothing — and their
/// outputs are 0 (softmax) or −∞ (log-softmax); a row with every position masked gives all 0 / all −∞,
/// never NaN.
/// </remarks>
public abstract class SoftmaxLayer : RowLayer
{
    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="features">The declared row length.</param>
    /// <param name="isLog">Whether it is a log-softmax.</param>
    protected SoftmaxLayer(int features, bool isLog)
        : base(features, features, parameterCount: 0)
    {
        IsLog = isLog;
    }

    /// <summary>The row length.</summary>
    public int Features => InFeatures;

    /// <summary>Whether the layer is a log-softmax.</summary>
    public bool IsLog { get; }

    /// <summary>
    /// Softmax over the kept positions of every row, on the CPU. <paramref name="keep"/> has one byte per
    /// input value: 1 keeps it, 0 masks it.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match, or a mask byte is neither 0 nor 1.</exception>
    public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<byte> keep, Span<float> output)
    {
        int rows = Shape.RowsOf(input, output);
        if (keep.Length != input.Length)
        {
            throw new ArgumentException($"keep has {keep.Length} values; it needs one per input value: {input.Length}.", nameof(keep));
        }

        for (int i = 0; i < keep.Length; i++)
        {
            if (keep[i] > 1)
            {
                throw new ArgumentException($"keep[{i}] is {keep[i]}; a mask value must be 1 (keep) or 0 (mask).", nameof(keep));
            }
        }

        SoftmaxKernels.MaskedRows(input, keep, output, 0, rows, Features, IsLog);
    }
}
