using System;
using System.Collections.Generic;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary><see cref="Tensor"/>: a row-major shape over memory, with row slices that are views.</summary>
public sealed class TensorTests
{
    [Fact]
    public void Constructor_WithShape_AllocatesZeros()
    {
        var tensor = new Tensor(16, 300, 1024);

        Assert.Equal([16, 300, 1024], tensor.Shape);
        Assert.Equal(3, tensor.Rank);
        Assert.Equal(16 * 300 * 1024, tensor.Length);
        Assert.Equal(1024, tensor.RowLength);
        Assert.Equal(16 * 300, tensor.RowCount);
        Assert.All(tensor.Span.ToArray(), value => Assert.Equal(0u, BitConverter.SingleToUInt32Bits(value)));
    }

    [Fact]
    public void Constructor_WithNoExtents_IsAScalar()
    {
        var scalar = new Tensor();

        Assert.Empty(scalar.Shape);
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(1, scalar.Length);
        Assert.Equal(1, scalar.RowLength);
        Assert.Equal(1, scalar.RowCount);
    }

    [Theory]
    [InlineData(new[] { 0, 5 }, 0, 5, 0)]
    [InlineData(new[] { 5, 0 }, 0, 0, 0)]
    [InlineData(new[] { 5 }, 5, 5, 1)]
    public void RowLengthAndRowCount_FollowTheShape(int[] shape, int length, int rowLength, int rowCount)
    {
        var tensor = new Tensor(shape);

        Assert.Equal(length, tensor.Length);
        Assert.Equal(rowLength, tensor.RowLength);
        Assert.Equal(rowCount, tensor.RowCount);
    }

    [Fact]
    public void Constructor_WithData_WrapsItWithoutCopying()
    {
        float[] data = [1, 2, 3, 4, 5, 6];

        var tensor = new Tensor(data, 2, 3);
        data[4] = 50;
        tensor.Span[0] = 10;

        Assert.Equal(50f, tensor.Span[4]);
        Assert.Equal(10f, data[0]);
    }

    [Fact]
    public void Shape_IsACopy_ThatCallersCannotChange()
    {
        int[] shape = [2, 3];
        var tensor = new Tensor(shape);

        shape[0] = 7;

        Assert.Equal([2, 3], tensor.Shape);
        Assert.Throws<NotSupportedException>(() => ((IList<int>)tensor.Shape)[0] = 7);
        Assert.Equal([2, 3], tensor.Shape);
    }

    [Theory]
    [InlineData(new[] { 16, 300, 1024 }, "(16, 300, 1024)")]
    [InlineData(new[] { 5 }, "(5,)")]
    [InlineData(new[] { 0, 3 }, "(0, 3)")]
    [InlineData(new int[0], "()")]
    public void ShapeString_FormatsLikePyTorch(int[] shape, string expected)
    {
        var tensor = new Tensor(shape);

        Assert.Equal(expected, tensor.ShapeString);
        Assert.Equal("Tensor" + expected, tensor.ToString());
    }

    [Fact]
    public void Constructor_WithDataOfTheWrongLength_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Tensor(new float[5], 2, 3));

        Assert.Equal("data", exception.ParamName);
        Assert.Equal("data has 5 values but shape (2, 3) needs 6. (Parameter 'data')", exception.Message);
    }

    [Fact]
    public void Constructor_WithANegativeExtent_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(2, -1));

        Assert.Equal("shape", exception.ParamName);
        Assert.Equal("shape (2, -1) has a negative extent. (Parameter 'shape')", exception.Message);
    }

    [Fact]
    public void Constructor_WithMoreValuesThanAnArrayHolds_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(65536, 65536));

        Assert.Equal("shape", exception.ParamName);
        Assert.Equal(
            $"shape (65536, 65536) holds more than {Array.MaxLength} values, the most one tensor can store. (Parameter 'shape')",
            exception.Message);
    }

    [Fact]
    public void Constructor_WithANullShape_Throws()
    {
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => new Tensor((int[])null!)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => new Tensor(new float[1], null!)).ParamName);
    }

    [Fact]
    public void SliceRows_IsAViewThatSharesMemory()
    {
        var tensor = new Tensor(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 4, 3);

        Tensor slice = tensor.SliceRows(1, 2);
        slice.Span[0] = 30;
        tensor.Span[5] = 50;

        Assert.Equal([2, 3], slice.Shape);
        Assert.Equal([30f, 4f, 50f, 6f, 7f, 8f], slice.Span.ToArray());
        Assert.Equal(30f, tensor.Span[3]);
    }

    [Fact]
    public void SliceRows_KeepsTheInnerDimensions()
    {
        var tensor = new Tensor(16, 300, 1024);

        Tensor prefix = tensor.SliceRows(0, 5);

        Assert.Equal("(5, 300, 1024)", prefix.ShapeString);
        Assert.True(prefix.Span.Overlaps(tensor.Span, out int offset));
        Assert.Equal(0, offset);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(0, 4)]
    public void SliceRows_AcceptsEveryRangeInsideTheFirstDimension(int start, int count)
    {
        Tensor slice = new Tensor(4, 3).SliceRows(start, count);

        Assert.Equal([count, 3], slice.Shape);
        Assert.Equal(count * 3, slice.Length);
    }

    [Theory]
    [InlineData(3, 2, "rows [3, 5) are outside dimension 0 of shape (4, 3). (Parameter 'count')")]
    [InlineData(5, 0, "rows [5, 5) are outside dimension 0 of shape (4, 3). (Parameter 'count')")]
    [InlineData(-1, 1, "rows [-1, 0) are outside dimension 0 of shape (4, 3). (Parameter 'count')")]
    [InlineData(1, -1, "rows [1, 0) are outside dimension 0 of shape (4, 3). (Parameter 'count')")]
    public void SliceRows_OutsideTheFirstDimension_Throws(int start, int count, string message)
    {
        var tensor = new Tensor(4, 3);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => tensor.SliceRows(start, count));

        Assert.Equal("count", exception.ParamName);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void SliceRows_OfAScalar_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new Tensor().SliceRows(0, 1));

        Assert.Equal("A scalar tensor has no rows to slice.", exception.Message);
    }

    [Fact]
    public void Reshape_SharesMemory_AndChecksTheLength()
    {
        var tensor = new Tensor(2, 6);

        Tensor reshaped = tensor.Reshape(3, 4);
        reshaped.Span[11] = 1;

        Assert.Equal([3, 4], reshaped.Shape);
        Assert.Equal(1f, tensor.Span[11]);
        var exception = Assert.Throws<ArgumentException>(() => tensor.Reshape(5, 2));
        Assert.Equal("data has 12 values but shape (5, 2) needs 10. (Parameter 'data')", exception.Message);
    }

    [Fact]
    public void Full_FillsEveryValue()
    {
        Tensor tensor = Tensor.Full(-0.5f, 3, 2);

        Assert.Equal([3, 2], tensor.Shape);
        Assert.All(tensor.Span.ToArray(), value => Assert.Equal(-0.5f, value));
    }

    [Fact]
    public void Uniform_DrawsRowMajorFromTheGenerator()
    {
        Tensor tensor = Tensor.Uniform(new PhiloxRandom(seed: 5), -1f, 1f, 4, 8);
        var expected = new float[32];
        new PhiloxRandom(seed: 5).Fill(expected, -1f, 1f);

        Assert.Equal([4, 8], tensor.Shape);
        Assert.Equal(expected, tensor.Span.ToArray());
        Assert.All(expected, value => Assert.InRange(value, -1f, 1f));
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => Tensor.Uniform(null!, 0f, 1f, 2)).ParamName);
    }
}
