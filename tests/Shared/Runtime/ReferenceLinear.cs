using System;
using System.Threading.Tasks;

namespace KernelGen.Tests;

/// <summary>
/// The canonical dot product as the plainest loop, independent of the generator: one FMA chain per
/// output, k ascending, the bias added once. Rows run in parallel; each output is still one chain.
/// </summary>
internal static class ReferenceLinear
{
    public static float[] Forward(LinearLayer layer, ReadOnlySpan<float> input)
    {
        int k = layer.InFeatures;
        int n = layer.OutFeatures;
        int rows = input.Length / k;
        float[] x = input.ToArray();
        float[] weight = layer.Weight.ToArray();
        float[] bias = layer.Bias.ToArray();
        bool hasBias = layer.HasBias;
        var output = new float[rows * n];
        Parallel.For(0, rows, i =>
        {
            for (int j = 0; j < n; j++)
            {
                float acc = 0f;
                for (int kk = 0; kk < k; kk++)
                {
                    acc = MathF.FusedMultiplyAdd(x[(i * k) + kk], weight[(j * k) + kk], acc);
                }

                output[(i * n) + j] = hasBias ? acc + bias[j] : acc;
            }
        });

        return output;
    }
}
