using System;
using System.Globalization;

namespace KernelGen.Benchmarks;

/// <summary>
/// A benchmarked product <c>Y[M, N] = X[M, K] · Wᵀ</c>, written <c>M×K×N</c>; or a batch of
/// <see cref="Batch"/> products of <c>M / Batch</c> rows each, written <c>Batch×m×K×N</c>.
/// </summary>
internal readonly record struct MatMulShape(int M, int K, int N, int Batch = 1)
{
    /// <summary>Multiply-adds count as two operations.</summary>
    public double Flops => 2.0 * M * K * N;

    /// <summary>The rows of one product of the batch.</summary>
    public int RowsPerProduct => M / Batch;

    /// <summary>Parses <c>"M×K×N"</c> or <c>"Batch×m×K×N"</c> (or with <c>x</c>).</summary>
    public static MatMulShape Parse(string text)
    {
        string[] parts = text.Split(['×', 'x']);
        return parts.Length switch
        {
            3 => new MatMulShape(Int(parts[0]), Int(parts[1]), Int(parts[2])),
            4 => new MatMulShape(Int(parts[0]) * Int(parts[1]), Int(parts[2]), Int(parts[3]), Int(parts[0])),
            _ => throw new FormatException($"'{text}' is not a shape M×K×N or Batch×m×K×N."),
        };

        static int Int(string part) => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>A new generated layer for this shape's K and N.</summary>
    public LinearLayer CreateLayer() => (K, N) switch
    {
        (4096, 4096) => new Linear4096x4096(),
        (1024, 64) => new Linear1024x64(),
        (768, 768) => new Linear768x768(),
        (768, 3072) => new Linear768x3072(),
        _ => throw new NotSupportedException($"No generated layer for K = {K}, N = {N}; declare one in Layers.cs."),
    };
}
