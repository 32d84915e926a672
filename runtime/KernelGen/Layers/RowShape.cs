using System;

namespace KernelGen;

/// <summary>
/// The argument checks every row-wise layer shares: an input of whole rows of <see cref="InFeatures"/>
/// values, an output of as many rows of <see cref="OutFeatures"/>, and messages that name the argument,
/// the shape it got and the one it needs.
/// </summary>
internal sealed class RowShape
{
    private readonly string _layerName;
    private readonly string _inName;

    /// <param name="layerName">The layer's type name, for messages.</param>
    /// <param name="inName">The name of the input row length in messages (<c>InFeatures</c>, <c>Features</c>).</param>
    /// <param name="inFeatures">The input row length.</param>
    /// <param name="outFeatures">The output row length.</param>
    /// <param name="allowInPlace">Whether the output may be the very same memory as the input (not a partial overlap).</param>
    public RowShape(string layerName, string inName, int inFeatures, int outFeatures, bool allowInPlace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        _layerName = layerName;
        _inName = inName;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        AllowInPlace = allowInPlace && inFeatures == outFeatures;
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public bool AllowInPlace { get; }

    /// <summary>The rows of <paramref name="input"/>, after checking <paramref name="output"/> matches them.</summary>
    public int RowsOf(ReadOnlySpan<float> input, ReadOnlySpan<float> output)
    {
        _ = OutputLengthFor(input.Length, nameof(input));
        if (input.Overlaps(output, out int offset) && !(AllowInPlace && offset == 0 && input.Length == output.Length))
        {
            throw new ArgumentException(
                AllowInPlace
                    ? "output partly overlaps input; pass the same memory for an in-place pass, or separate memory."
                    : "output overlaps input; a forward pass needs separate input and output memory.",
                nameof(output));
        }

        int rows = input.Length / InFeatures;
        CheckOutputLength(output.Length, rows);
        return rows;
    }

    /// <summary>The rows of a device-resident input and output, checked as <see cref="RowsOf(ReadOnlySpan{float}, ReadOnlySpan{float})"/> checks spans.</summary>
    public long RowsOf(long inputLength, long outputLength)
    {
        long rows = WholeRows(inputLength, "input");
        CheckOutputLength(outputLength, rows);
        return rows;
    }

    public int OutputLengthFor(int inputLength, string paramName)
    {
        long rows = WholeRows(inputLength, paramName);
        long length = rows * OutFeatures;
        if (length > Array.MaxLength)
        {
            throw new ArgumentException(
                $"{paramName} has {rows} rows, whose output of [{rows}, {OutFeatures}] exceeds the {Array.MaxLength} values one array can hold.",
                paramName);
        }

        return (int)length;
    }

    public int[] OutputShapeFor(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.RowLength != InFeatures)
        {
            throw new ArgumentException(
                $"input has shape {input.ShapeString}; a {_layerName} needs shape (..., {InFeatures}).", nameof(input));
        }

        int[] shape = new int[input.Rank];
        for (int i = 0; i < shape.Length - 1; i++)
        {
            shape[i] = input.Shape[i];
        }

        shape[^1] = OutFeatures;
        return shape;
    }

    private long WholeRows(long inputLength, string paramName)
    {
        if (inputLength % InFeatures != 0)
        {
            throw new ArgumentException(
                $"{paramName} has {inputLength} values, which is not a whole number of rows of {_inName} = {InFeatures}: " +
                $"it needs [rows, {InFeatures}] values.",
                paramName);
        }

        return inputLength / InFeatures;
    }

    private void CheckOutputLength(long outputLength, long rows)
    {
        long expected = rows * OutFeatures;
        if (outputLength != expected)
        {
            throw new ArgumentException(
                $"output has {outputLength} values; {rows} input rows need [{rows}, {OutFeatures}] = {expected}.", "output");
        }
    }
}
