using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>The lengths, paths, thread counts and awkward values every vector-path test runs over.</summary>
internal static class VectorPathCases
{
    /// <summary>Row lengths: shorter than one Vector128, than the 32 lanes, exactly 32, ragged tails, model widths.</summary>
    public static readonly int[] Lengths = [1, 7, 31, 32, 33, 100, 384, 768, 1000];

    /// <summary>Thread counts.</summary>
    public static readonly int[] Threads = [1, 2, 3];

    /// <summary>Every path this processor runs, the scalar reference included.</summary>
    public static IEnumerable<SimdPath> Paths =>
        new[] { SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128, SimdPath.Scalar }.Where(SimdPaths.IsSupported);

    /// <summary>The scalar reference, on one thread.</summary>
    public static CpuExecutionOptions Scalar { get; } = new() { SimdPath = SimdPath.Scalar, MaxDegreeOfParallelism = 1 };

    public static TheoryData<int> LengthData => new(Lengths);

    /// <summary>
    /// <paramref name="rows"/> rows of <paramref name="length"/> values in ±4 (Philox), row r given the awkward
    /// values of kind r mod 9 at positions that move from row to row (so that they reach the tail lanes too):
    /// none; −0 and +0; subnormals; +∞; NaN; −∞; every value −0; magnitudes near 1e±30; every value negative.
    /// </summary>
    public static float[] Rows(int length, int rows, ulong seed)
    {
        var values = new float[length * rows];
        new PhiloxRandom(seed).Fill(values, -4f, 4f);
        for (int row = 0; row < rows; row++)
        {
            Span<float> x = values.AsSpan(row * length, length);
            int at = (row * 7) % length;
            int other = (row * 13 + 5) % length;
            switch (row % 9)
            {
                case 1:
                    x[at] = -0f;
                    x[other] = 0f;
                    break;
                case 2:
                    x[at] = 1e-40f;
                    x[other] = -float.Epsilon;
                    break;
                case 3:
                    x[at] = float.PositiveInfinity;
                    break;
                case 4:
                    x[at] = float.NaN;
                    break;
                case 5:
                    x[other] = float.NegativeInfinity;
                    break;
                case 6:
                    x.Fill(-0f);
                    break;
                case 7:
                    for (int i = 0; i < x.Length; i++)
                    {
                        x[i] *= i % 2 == 0 ? 1e30f : 1e-30f;
                    }

                    break;
                case 8:
                    for (int i = 0; i < x.Length; i++)
                    {
                        x[i] = -MathF.Abs(x[i]) - 1f;
                    }

                    break;
            }
        }

        return values;
    }

    /// <summary>Enough rows of <paramref name="length"/> that a forward pass is cut into blocks for several threads.</summary>
    public static int ManyRows(int length) => Math.Max(37, (1 << 16) / length);

    /// <summary>A layer of this folder's types, by name.</summary>
    public static RowLayer Create(string name)
    {
        Type type = typeof(VectorPathCases).Assembly.GetType($"KernelGen.Runtime.Tests.RowLayers.{name}", throwOnError: true)!;
        return (RowLayer)Activator.CreateInstance(type)!;
    }

    /// <summary>Every batch of 1 to 37 rows, and a batch large enough for several threads, on every path and 1–3 threads, give the scalar path's bits.</summary>
    public static void EveryPathGivesTheScalarBits(RowLayer layer)
    {
        int n = layer.InFeatures;
        float[] input = Rows(n, ManyRows(n), seed: (ulong)n + 40);
        float[] scalar = layer.Forward(input, Scalar);
        foreach (SimdPath path in Paths)
        {
            foreach (int threads in Threads)
            {
                var options = new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads };
                string what = $"{layer.GetType().Name}, {path}, {threads} threads";
                BitAssert.Equal(scalar, layer.Forward(input, options), $"{what}, {input.Length / n} rows");
                for (int rows = 1; rows <= 37; rows++)
                {
                    BitAssert.Equal(scalar.AsSpan(0, rows * n), layer.Forward(input.AsSpan(0, rows * n), options), $"{what}, {rows} rows");
                }
            }
        }
    }
}
