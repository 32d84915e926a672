using System.Globalization;
using System.Text;

namespace KernelGen.Analyzers.Benchmarks;

/// <summary>
/// Writes a model-like C# file of about <c>lines</c> lines: reductions, activations, parallel code,
/// collections and ILGPU kernels, mostly correct and with a few violations per block so that
/// diagnostics are created too.
/// </summary>
internal static class SyntheticModel
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Numerics;
        using System.Threading.Tasks;
        using ILGPU;
        using ILGPU.Runtime;

        namespace KernelGen
        {
            public sealed class DeterministicAttribute : Attribute { }
            public static class DetMath { public static float Fma(float a, float b, float c) => a; public static float Exp(float x) => x; }
        }

        """;

    // 50 lines per block.
    private const string Block = """
        {0}public static class Block__N__
        {
            public static float Sum(float[] x)
            {
                float acc = 0f;
                for (int k = 0; k < x.Length; k++) acc += x[k];
                return acc;
            }

            public static float Dot(float[] a, float[] b)
            {
                float acc = 0f;
                for (int k = 0; k < a.Length; k++) acc = KernelGen.DetMath.Fma(a[k], b[k], acc);
                return acc;
            }

            public static Vector<float> Wide(float[] x)
            {
                var acc = Vector<float>.Zero;
                for (int i = 0; i + Vector<float>.Count <= x.Length; i += Vector<float>.Count) acc += new Vector<float>(x, i);
                return acc;
            }

            public static float Act(float x) => x / (1f + MathF.Exp(-x)) + KernelGen.DetMath.Exp(x);

            public static float Par(float[] x)
            {
                var partial = new float[x.Length];
                Parallel.For(0, x.Length, i => partial[i] = x[i] * 2f);
                float s = 0f;
                foreach (float v in partial) s += v;
                return s;
            }

            public static float Set(Dictionary<int, float> d)
            {
                float s = 0f;
                foreach (KeyValuePair<int, float> p in d) s += p.Value;
                return s;
            }

            public static int Count(int[] x)
            {
                int n = 0;
                for (int i = 0; i < x.Length; i++) n += x[i] * 3 + 1;
                return n;
            }

            public static void Kernel(Index1D i, ArrayView<float> x, float a) => x[i] = x[i] * a + a;
        }

        """;

    /// <summary>The file's text; <paramref name="inScope"/> adds <c>[assembly: KernelGen.Deterministic]</c>.</summary>
    public static string Generate(int lines, bool inScope)
    {
        var text = new StringBuilder(Header);
        if (inScope)
        {
            text.Insert(0, "[assembly: KernelGen.Deterministic]\n");
        }

        int blocks = (lines - 15) / 50;
        for (int b = 0; b < blocks; b++)
        {
            text.Append(Block.Replace("{0}", string.Empty, System.StringComparison.Ordinal)
                .Replace("__N__", b.ToString(CultureInfo.InvariantCulture), System.StringComparison.Ordinal));
        }

        return text.ToString();
    }
}
