using System;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>The canonical dot product written as the plainest possible loop, independent of the generator.</summary>
internal static class ReferenceLinear
{
    public static float[] Forward(LinearLayer layer, ReadOnlySpan<float> input)
    {
        int k = layer.InFeatures;
        int n = layer.OutFeatures;
        int rows = input.Length / k;
        ReadOnlySpan<float> weight = layer.Weight;
        ReadOnlySpan<float> bias = layer.Bias;
        var output = new float[rows * n];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float acc = 0f;
                for (int kk = 0; kk < k; kk++)
                {
                    acc = MathF.FusedMultiplyAdd(input[(i * k) + kk], weight[(j * k) + kk], acc);
                }

                output[(i * n) + j] = layer.HasBias ? acc + bias[j] : acc;
            }
        }

        return output;
    }
}
