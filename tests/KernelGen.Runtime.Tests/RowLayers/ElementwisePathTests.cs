using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>Element-wise add and multiply give the scalar bits on every path and thread count, in place or not.</summary>
public sealed class ElementwisePathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData((1 << 17) + 5)] // enough values for a second and third thread
    public void Every_path_and_thread_count_gives_the_scalar_bits(int length)
    {
        float[] a = VectorPathCases.Rows(length, 1, seed: 50);
        float[] b = VectorPathCases.Rows(length, 1, seed: 51);
        b[length / 2] = float.NaN;
        a[length - 1] = float.PositiveInfinity;
        b[length - 1] = float.NegativeInfinity;
        float[] sum = new float[length], product = new float[length];
        Elementwise.Add(a, b, sum, VectorPathCases.Scalar);
        Elementwise.Multiply(a, b, product, VectorPathCases.Scalar);
        Assert.Equal(DetMath.CanonicalNaNBits, BitConverter.SingleToUInt32Bits(sum[length - 1])); // ∞ − ∞: x86's NaN is 0xFFC00000

        foreach (SimdPath path in VectorPathCases.Paths)
        {
            foreach (int threads in VectorPathCases.Threads)
            {
                var options = new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads };
                string what = $"{length} values, {path}, {threads} threads";
                float[] y = new float[length];
                Elementwise.Add(a, b, y, options);
                BitAssert.Equal(sum, y, $"add, {what}");
                Elementwise.Multiply(a, b, y, options);
                BitAssert.Equal(product, y, $"multiply, {what}");

                float[] inPlace = (float[])b.Clone();
                Elementwise.Add(a, inPlace, inPlace, options);
                BitAssert.Equal(sum, inPlace, $"add in place on b, {what}");
                inPlace = (float[])a.Clone();
                Elementwise.Multiply(inPlace, b, inPlace, options);
                BitAssert.Equal(product, inPlace, $"multiply in place on a, {what}");
            }
        }
    }
}
