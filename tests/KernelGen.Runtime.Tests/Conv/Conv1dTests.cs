using System;
using KernelGen.Runtime.Tests.Invariance;
using KernelGen.Runtime.Tests.RowLayers;
using Xunit;

namespace KernelGen.Runtime.Tests.Conv;

/// <summary>Conv1d: the direct sum written out, PyTorch's output length, invariance and devices.</summary>
public sealed class Conv1dTests
{
    public static TheoryData<string> Names => new() { "Plain", "StridedGrouped", "Depthwise", "Pointwise" };

    internal static Conv1dLayer Create(string name)
    {
        Conv1dLayer layer = name switch
        {
            "Plain" => new Conv3to5(),
            "StridedGrouped" => new ConvStridedGrouped(),
            "Depthwise" => new ConvDepthwise(),
            "Pointwise" => new ConvPointwise(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        layer.InitializeUniform(seed: 17);
        return layer;
    }

    [Theory]
    [InlineData("Plain", 38)]
    [InlineData("StridedGrouped", 18)] // (37 + 6 - 2·4 - 1) / 2 + 1
    [InlineData("Depthwise", 33)]
    [InlineData("Pointwise", 10)]
    public void Output_length_is_PyTorchs(string name, int expected) => Assert.Equal(expected, Create(name).ConvShape.OutputLength);

    [Theory]
    [MemberData(nameof(Names))]
    public void Follows_the_direct_sum_written_out(string name)
    {
        Conv1dLayer layer = Create(name);
        Conv1dShape s = layer.ConvShape;
        float[] input = RowLayerInvariance.Input(layer, 3, seed: 18);
        float[] output = layer.Forward(input);
        int cinG = s.InChannels / s.Groups, coutG = s.OutChannels / s.Groups;
        for (int row = 0; row < 3; row++)
        {
            for (int oc = 0; oc < s.OutChannels; oc++)
            {
                for (int t = 0; t < s.OutputLength; t++)
                {
                    float acc = 0f;
                    for (int i = 0; i < cinG; i++)
                    {
                        int ic = (oc / coutG * cinG) + i;
                        for (int k = 0; k < s.KernelSize; k++)
                        {
                            int p = (t * s.Stride) + (k * s.Dilation) - s.Padding;
                            if (p >= 0 && p < s.InputLength)
                            {
                                acc = MathF.FusedMultiplyAdd(input[(row * layer.InFeatures) + (ic * s.InputLength) + p], layer.Weight[(((oc * cinG) + i) * s.KernelSize) + k], acc);
                            }
                        }
                    }

                    float expected = layer.HasBias ? acc + layer.Bias[oc] : acc;
                    float actual = output[(row * layer.OutFeatures) + (oc * s.OutputLength) + t];
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)), $"row {row}, oc {oc}, t {t}: {actual} vs {expected}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Rows_are_invariant_to_batch_position_and_threads(string name) =>
        RowLayerInvariance.BatchPositionAndThreads(Create(name), rows: 13);

    [Theory]
    [MemberData(nameof(Names))]
    public void Cpu_accelerator_equals_cpu(string name)
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        Conv1dLayer layer = Create(name);
        float[] input = RowLayerInvariance.Input(layer, 9, seed: 19);
        using GpuRowLayer onDevice = layer.ToGpu(device);
        BitAssert.Equal(layer.Forward(input), onDevice.Forward(input), $"{name} on the CPU accelerator");
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu(string name)
    {
        Conv1dLayer layer = Create(name);
        float[] input = RowLayerInvariance.Input(layer, 500, seed: 20);
        using GpuRowLayer onDevice = layer.ToGpu(CudaDevice.Get());
        BitAssert.Equal(layer.Forward(input), onDevice.Forward(input), $"{name} on CUDA");
    }

    [Fact]
    public void Errors_name_the_argument_and_the_shape()
    {
        var layer = new ConvStridedGrouped(); // weight [6, 2, 5]
        var error = Assert.Throws<ArgumentException>(() => layer.SetParameters(new float[59], new float[6]));
        Assert.Equal("weight has 59 values; a ConvStridedGrouped needs [6, 2, 5] = 60. (Parameter 'weight')", error.Message);
        error = Assert.Throws<ArgumentException>(() => new ConvDepthwise().SetParameters(new float[24], new float[8]));
        Assert.Equal("bias has 8 values, but ConvDepthwise is declared without a bias (Bias = false): pass an empty span. (Parameter 'bias')", error.Message);
        float[] buffer = new float[148];
        error = Assert.Throws<ArgumentException>(() => layer.Forward(buffer, buffer.AsSpan(0, 108)));
        Assert.Equal("output overlaps input; a forward pass needs separate input and output memory. (Parameter 'output')", error.Message);
    }
}
