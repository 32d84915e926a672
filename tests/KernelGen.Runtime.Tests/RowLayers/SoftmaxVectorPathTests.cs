using System;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>Softmax and log-softmax on every SIMD path and 1–3 threads give the scalar path's bits, awkward values included.</summary>
public sealed class SoftmaxVectorPathTests
{
    public static TheoryData<int> Lengths => VectorPathCases.LengthData;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Softmax_gives_the_scalar_bits_on_every_path(int length) =>
        VectorPathCases.EveryPathGivesTheScalarBits(VectorPathCases.Create($"PathSoftmax{length}"));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogSoftmax_gives_the_scalar_bits_on_every_path(int length) =>
        VectorPathCases.EveryPathGivesTheScalarBits(VectorPathCases.Create($"PathLogSoftmax{length}"));

    [Theory]
    [InlineData(33)]
    [InlineData(1000)]
    public void In_place_gives_the_bits_of_a_separate_output_on_every_path(int length)
    {
        foreach (string name in new[] { $"PathSoftmax{length}", $"PathLogSoftmax{length}" })
        {
            RowLayer layer = VectorPathCases.Create(name);
            float[] input = VectorPathCases.Rows(length, 20, seed: 77);
            float[] expected = layer.Forward(input, VectorPathCases.Scalar);
            foreach (SimdPath path in VectorPathCases.Paths)
            {
                float[] inPlace = (float[])input.Clone();
                layer.Forward(inPlace, inPlace, new CpuExecutionOptions { SimdPath = path });
                BitAssert.Equal(expected, inPlace, $"{name} in place, {path}");
            }
        }
    }
}
