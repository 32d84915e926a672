using System;
using System.Threading.Tasks;

namespace KernelGen.Conformance;

/// <summary>The canonical dot product as the plainest loop: one FMA chain per output, k ascending, bias once.</summary>
internal static class ReferenceLinear
{
    public static float[] Forward(LinearLayer layer, float[] input, int rows)
    {
        int k = layer.InFeatures;
        int n = layer.OutFeatures;
        float[] weight = layer.Weight.ToArray();
        float[] bias = layer.Bias.ToArray();
        var output = new float[rows * n];
        Parallel.For(0, rows, i =>
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
        });
        return output;
    }
}
