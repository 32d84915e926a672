using System;

namespace KernelGen.Benchmarks;

/// <summary>Seeded inputs and weights for one shape, shared by every implementation.</summary>
internal sealed class MatMulData
{
    public MatMulData(MatMulShape shape)
    {
        Shape = shape;
        Input = new float[shape.M * shape.K];
        Weight = new float[shape.N * shape.K];
        new PhiloxRandom(seed: 42, stream: 0).Fill(Input, -1f, 1f);
        new PhiloxRandom(seed: 42, stream: 1).Fill(Weight, -0.05f, 0.05f);
        Output = new float[shape.M * shape.N];
    }

    public MatMulShape Shape { get; }

    /// <summary>X, <c>[M, K]</c> row-major.</summary>
    public float[] Input { get; }

    /// <summary>W, <c>[N, K]</c> row-major (PyTorch's Linear layout).</summary>
    public float[] Weight { get; }

    /// <summary>Y, <c>[M, N]</c>.</summary>
    public float[] Output { get; }

    /// <summary>Wᵀ, <c>[K, N]</c> row-major: ONNX MatMul's B.</summary>
    public float[] TransposedWeight()
    {
        var b = new float[Weight.Length];
        for (int j = 0; j < Shape.N; j++)
        {
            for (int k = 0; k < Shape.K; k++)
            {
                b[(k * Shape.N) + j] = Weight[(j * Shape.K) + k];
            }
        }

        return b;
    }
}
