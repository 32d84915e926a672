using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Models.MiniLM;

namespace KernelGen.RealModel.Tests;

/// <summary>
/// BertModel's last hidden state for one unpadded sentence, written from its definition in float64 with the
/// model's own weights (read through <see cref="Module.StateDict"/>): embeddings + LayerNorm, then per layer
/// self-attention (12 heads of 32, softmax over every token), output projection + residual + LayerNorm, GELU
/// (erf form) MLP + residual + LayerNorm. No KernelGen kernel is used: it is the reference that both arithmetic
/// tiers are measured against.
/// </summary>
internal sealed class BertFloat64Reference
{
    private const int Width = MiniLm.Width;
    private readonly Dictionary<string, double[]> _state;

    public BertFloat64Reference(MiniLm model)
    {
        _state = model.StateDict().ToDictionary(entry => entry.Name, entry => Array.ConvertAll(entry.ToArray(), v => (double)v));
    }

    /// <summary>The last hidden state, <c>[ids.Length, Width]</c>.</summary>
    public double[] Forward(int[] ids)
    {
        int n = ids.Length;
        double[] word = _state["embeddings.word_embeddings.weight"], position = _state["embeddings.position_embeddings.weight"];
        double[] type = _state["embeddings.token_type_embeddings.weight"];
        var h = new double[n * Width];
        for (int t = 0; t < n; t++)
        {
            for (int c = 0; c < Width; c++)
            {
                h[(t * Width) + c] = word[(ids[t] * Width) + c] + type[c] + position[(t * Width) + c];
            }
        }

        h = LayerNorm(h, "embeddings.LayerNorm");
        for (int layer = 0; layer < MiniLm.Depth; layer++)
        {
            string prefix = $"encoder.layer.{layer}";
            double[] context = Attention(h, n, prefix + ".attention.self");
            h = LayerNorm(Add(Linear(context, prefix + ".attention.output.dense"), h), prefix + ".attention.output.LayerNorm");
            double[] inner = Linear(h, prefix + ".intermediate.dense");
            for (int i = 0; i < inner.Length; i++)
            {
                inner[i] = 0.5 * inner[i] * (1 + Erf(inner[i] / Math.Sqrt(2)));
            }

            h = LayerNorm(Add(Linear(inner, prefix + ".output.dense"), h), prefix + ".output.LayerNorm");
        }

        return h;
    }

    private double[] Attention(double[] h, int n, string prefix)
    {
        double[] q = Linear(h, prefix + ".query"), k = Linear(h, prefix + ".key"), v = Linear(h, prefix + ".value");
        var context = new double[n * Width];
        var scores = new double[n];
        double scale = 1 / Math.Sqrt(MiniLm.HeadDim);
        for (int head = 0; head < MiniLm.Heads; head++)
        {
            int offset = head * MiniLm.HeadDim;
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < n; j++)
                {
                    double dot = 0;
                    for (int d = 0; d < MiniLm.HeadDim; d++)
                    {
                        dot += q[(i * Width) + offset + d] * k[(j * Width) + offset + d];
                    }

                    scores[j] = dot * scale;
                    max = Math.Max(max, scores[j]);
                }

                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    scores[j] = Math.Exp(scores[j] - max);
                    sum += scores[j];
                }

                for (int j = 0; j < n; j++)
                {
                    for (int d = 0; d < MiniLm.HeadDim; d++)
                    {
                        context[(i * Width) + offset + d] += scores[j] / sum * v[(j * Width) + offset + d];
                    }
                }
            }
        }

        return context;
    }

    /// <summary><c>x·Wᵀ + b</c> with PyTorch's <c>[out, in]</c> weight.</summary>
    private double[] Linear(double[] x, string name)
    {
        double[] weight = _state[name + ".weight"], bias = _state[name + ".bias"];
        int outputs = bias.Length, inputs = weight.Length / outputs, rows = x.Length / inputs;
        var y = new double[rows * outputs];
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double sum = bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    sum += x[(r * inputs) + i] * weight[(o * inputs) + i];
                }

                y[(r * outputs) + o] = sum;
            }
        }

        return y;
    }

    private double[] LayerNorm(double[] x, string name)
    {
        double[] gamma = _state[name + ".weight"], beta = _state[name + ".bias"];
        var y = new double[x.Length];
        for (int r = 0; r < x.Length / Width; r++)
        {
            ReadOnlySpan<double> row = x.AsSpan(r * Width, Width);
            double mean = 0, variance = 0;
            foreach (double value in row)
            {
                mean += value;
            }

            mean /= Width;
            foreach (double value in row)
            {
                variance += (value - mean) * (value - mean);
            }

            double inverse = 1 / Math.Sqrt((variance / Width) + (double)MiniLm.NormEpsilon);
            for (int c = 0; c < Width; c++)
            {
                y[(r * Width) + c] = ((row[c] - mean) * inverse * gamma[c]) + beta[c];
            }
        }

        return y;
    }

    private static double[] Add(double[] a, double[] b) => [.. a.Zip(b, (x, y) => x + y)];

    /// <summary>erf in double: its Maclaurin series below 3 (cancellation costs under 2^-40 there), else 1 − erfc by the continued fraction.</summary>
    internal static double Erf(double x)
    {
        double t = Math.Abs(x);
        if (t < 3)
        {
            double term = t, sum = t, square = t * t;
            for (int n = 1; Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -square / n;
                sum += term / ((2 * n) + 1);
            }

            return Math.CopySign(sum * 2 / Math.Sqrt(Math.PI), x);
        }

        // erfc(t) = e^(−t²)/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))), evaluated from the 80th level up.
        double fraction = t;
        for (int n = 80; n >= 1; n--)
        {
            fraction = t + (n / 2.0 / fraction);
        }

        return Math.CopySign(1 - (Math.Exp(-t * t) / Math.Sqrt(Math.PI) / fraction), x);
    }
}
