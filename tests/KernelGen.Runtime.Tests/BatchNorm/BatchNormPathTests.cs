using System;
using KernelGen.Runtime.Tests.Invariance;
using KernelGen.Runtime.Tests.RowLayers;
using Xunit;

namespace KernelGen.Runtime.Tests.BatchNorm;

/// <summary>BatchNorm inference and training (statistics and state) give the scalar path's bits on every SIMD path.</summary>
public sealed class BatchNormPathTests
{
    [Theory]
    [InlineData(37, 1)] // (N, C): vectors over channels, none full for 4 channels
    [InlineData(3, 49)] // (N, C, H·W) = 7 × 7: vectors over positions, a ragged tail
    [InlineData(2, 64)]
    [InlineData(33, 5)]
    [InlineData(1, 100)]
    public void Inference_and_training_give_the_scalar_bits(int batch, int spatial)
    {
        foreach (Func<BatchNormLayer> create in new Func<BatchNormLayer>[] { Trained1d4, Trained2d3, () => new Norm1d5Plain(), () => new Norm1d40() })
        {
            BatchNormLayer reference = create();
            int channels = reference.NumFeatures;
            float[] x = VectorPathCases.Rows(batch * channels * spatial, 1, seed: (ulong)(batch + spatial));
            x[0] = 1e-41f;
            float[] expected = new float[x.Length];
            reference.Forward(x, expected, batch, spatial, VectorPathCases.Scalar);
            float[] expectedTraining = new float[x.Length];
            reference.ForwardTraining(x, expectedTraining, batch, spatial, VectorPathCases.Scalar);

            foreach (SimdPath path in VectorPathCases.Paths)
            {
                string what = $"{reference.GetType().Name}, batch {batch}, spatial {spatial}, {path}";
                var options = new CpuExecutionOptions { SimdPath = path };
                BatchNormLayer layer = create();
                float[] y = new float[x.Length];
                layer.Forward(x, y, batch, spatial, options);
                BitAssert.Equal(expected, y, $"{what}, inference");

                float[] inPlace = (float[])x.Clone();
                layer.Forward(inPlace, inPlace, batch, spatial, options);
                BitAssert.Equal(expected, inPlace, $"{what}, inference in place");

                layer.ForwardTraining(x, y, batch, spatial, options);
                BitAssert.Equal(expectedTraining, y, $"{what}, training");
                BitAssert.Equal(reference.RunningMean, layer.RunningMean, $"{what}, running mean");
                BitAssert.Equal(reference.RunningVar, layer.RunningVar, $"{what}, running variance");
            }
        }
    }

    private static Norm1d4 Trained1d4()
    {
        var layer = new Norm1d4();
        layer.SetState([1.5f, 0.5f, -1f, 2f], [0.1f, -0.2f, 0.3f, 0f], [0.5f, -1f, 2f, 0f], [2f, 0.25f, 1f, 4f], numBatchesTracked: 7);
        return layer;
    }

    private static Norm2d3 Trained2d3()
    {
        var layer = new Norm2d3();
        layer.SetState([1.5f, 0.5f, -1f], [0.1f, -0.2f, 0.3f], [0.5f, -1f, 2f], [2f, 0.25f, 0f], numBatchesTracked: 1);
        return layer;
    }
}
