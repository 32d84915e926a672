using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>--exact-accuracy</c>: the relative error of a 1024×768×768 product (X ~ N(0, 1), W ~ N(0, 0.2²), Philox
/// seeded, Box–Muller) in the exact tier (KG-Exact-1) and in the Bitwise tier (one float32 FMA chain per output)
/// against float64 (the same float inputs, products and sums in double, k ascending: error below 2^-40 relative
/// here). Prints a markdown table: median, 99th percentile and max of |y − ref| / |ref|, and the max of
/// |y − ref| / Σ|x·w| (the error relative to the sum of magnitudes, which a near-zero |ref| does not inflate).
/// </summary>
internal static class ExactAccuracyMode
{
    public static int Run(ReadOnlySpan<string> args)
    {
        int m = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        const int K = 768, N = 768;
        var input = Normal(m * K, 1.0, stream: 0);
        var weight = Normal(N * K, 0.2, stream: 1);

        var exact = new ExactLinear768x768();
        var bitwise = new Linear768x768();
        exact.SetParameters(weight, []);
        bitwise.SetParameters(weight, []);
        var stopwatch = Stopwatch.StartNew();
        float[] exactOutput = exact.Forward(input);
        double exactSeconds = stopwatch.Elapsed.TotalSeconds;
        float[] bitwiseOutput = bitwise.Forward(input);

        var reference = new double[m * N];
        var magnitude = new double[m * N];
        Parallel.For(0, m, i =>
        {
            for (int j = 0; j < N; j++)
            {
                double sum = 0, abs = 0;
                for (int k = 0; k < K; k++)
                {
                    double p = (double)input[(i * K) + k] * weight[(j * K) + k]; // exact in double
                    sum += p;
                    abs += Math.Abs(p);
                }

                reference[(i * N) + j] = sum;
                magnitude[(i * N) + j] = abs;
            }
        });

        Console.WriteLine($"--exact-accuracy: {m}×{K}×{N}, X ~ N(0,1), W ~ N(0,0.2²), against float64 ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, exact tier {exactSeconds:F2} s)");
        Console.WriteLine();
        Console.WriteLine("| tier | median rel. error | p99 rel. error | max rel. error | max error / Σ|x·w| | outputs equal to float64 rounded |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("KG-Exact-1 (exact tier)", exactOutput, reference, magnitude, out double exactMedian);
        Row("KG-Bitwise-1 (fp32 FMA chain)", bitwiseOutput, reference, magnitude, out double bitwiseMedian);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Median ratio (exact / bitwise): {exactMedian / bitwiseMedian:F4}"));
        return 0;
    }

    private static void Row(string name, float[] output, double[] reference, double[] magnitude, out double median)
    {
        double[] relative = new double[output.Length];
        double normwise = 0;
        int correctlyRounded = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double error = Math.Abs(output[i] - reference[i]);
            relative[i] = error / Math.Abs(reference[i]);
            normwise = Math.Max(normwise, error / magnitude[i]);
            correctlyRounded += output[i] == (float)reference[i] ? 1 : 0;
        }

        Array.Sort(relative);
        median = relative[relative.Length / 2];
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {median:E3} | {relative[(int)(relative.Length * 0.99)]:E3} | {relative[^1]:E3} | {normwise:E3} | {correctlyRounded} of {output.Length} |"));
    }

    /// <summary>Normal numbers from Philox uniforms (Box–Muller), as floats.</summary>
    private static float[] Normal(int count, double sigma, ulong stream)
    {
        var uniform = new float[count + 1];
        new PhiloxRandom(seed: 2026, stream: stream).Fill(uniform, 0f, 1f);
        var values = new float[count];
        for (int i = 0; i < count; i += 2)
        {
            double u = 1.0 - uniform[i], v = uniform[i + 1];
            double r = Math.Sqrt(-2 * Math.Log(Math.Max(u, 1e-30))) * sigma;
            values[i] = (float)(r * Math.Cos(2 * Math.PI * v));
            if (i + 1 < count)
            {
                values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * v));
            }
        }

        return values;
    }
}
