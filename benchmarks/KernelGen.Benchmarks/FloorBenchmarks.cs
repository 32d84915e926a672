using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// Floor references on one thread: a naive triple loop and one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per output (whose order changes with the vector width: fast, not reproducible). 1024×4096×4096 is left out: tens of seconds per operation.
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class FloorBenchmarks
{
    private MatMulData _data = null!;

    /// <summary>The shape, <c>M×K×N</c>.</summary>
    [Params("1×4096×4096", "16×1024×64", "4800×1024×64", "1024×768×768", "1024×768×3072")]
    public string Shape { get; set; } = string.Empty;

    /// <summary>Creates the data.</summary>
    [GlobalSetup]
    public void Setup() => _data = new MatMulData(MatMulShape.Parse(Shape));

    /// <summary>y[i, j] = Σ x[i, k]·W[j, k], a multiply and an add per k.</summary>
    [Benchmark(Baseline = true)]
    public void NaiveLoop()
    {
        (int m, int k, int n, _) = _data.Shape;
        float[] x = _data.Input, w = _data.Weight, y = _data.Output;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    sum += x[(i * k) + p] * w[(j * k) + p];
                }

                y[(i * n) + j] = sum;
            }
        }
    }

    /// <summary>One vectorized dot product per output.</summary>
    [Benchmark]
    public void TensorPrimitivesDot()
    {
        (int m, int k, int n, _) = _data.Shape;
        ReadOnlySpan<float> x = _data.Input, w = _data.Weight;
        Span<float> y = _data.Output;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> row = x.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                y[(i * n) + j] = TensorPrimitives.Dot(row, w.Slice(j * k, k));
            }
        }
    }
}
