using System;

namespace KernelGen.DetMathChecks;

/// <summary>
/// Reference values for the DetMath functions, in double, from arithmetic independent of the
/// runtime's: the C runtime's <see cref="Math.Exp(double)"/>, <see cref="Math.Log(double)"/> and
/// <see cref="Math.Tanh(double)"/> (errors below one double ulp), a double-double Taylor series for
/// erf and a continued fraction for erfc. Each is within <see cref="RelativeErrorBound"/> of the exact value.
/// </summary>
internal static class DetMathReference
{
    /// <summary>A bound on every reference value's relative error: 2^-49 (the references reach about 2^-51).</summary>
    public static readonly double RelativeErrorBound = Math.ScaleB(1.0, -49);

    private static readonly DoubleDoubleValue TwoOverSqrtPi = new(1.1283791670955126, 1.533545961316588e-17);
    private static readonly DoubleDoubleValue InverseSqrt2 = new(0.7071067811865476, -4.833646656726457e-17);
    private static readonly DoubleDoubleValue SqrtTwoOverPi = new(0.7978845608028654, -4.98465440455546e-17);
    private static readonly DoubleDoubleValue Kappa = new(0.044715, 2.1960211427085595e-18);
    private const double InverseSqrtPi = 0.5641895835477563;

    /// <summary>The reference value of <paramref name="function"/> at a finite, non-NaN <paramref name="x"/>.</summary>
    public static double Evaluate(DetMathFunction function, float x)
    {
        double a = x;
        if (function is DetMathFunction.Silu or DetMathFunction.Gelu or DetMathFunction.GeluTanh && Math.Abs(a) < Math.ScaleB(1.0, -100))
        {
            // f(x) = x/2 + c·x² with c > 0, and c·x² is far below a double ulp of x/2. It only matters
            // when x/2 is a midpoint between floats, where it breaks the tie upwards; a nudge of 2^-45
            // relative does the same and crosses no other float boundary (they are 2^-150 away).
            return a == 0 ? a : 0.5 * a + Math.Abs(a) * Math.ScaleB(1.0, -46); // ±0 stays ±0
        }

        if (function is DetMathFunction.Silu or DetMathFunction.Gelu or DetMathFunction.GeluTanh && double.IsInfinity(a))
        {
            // The documented limits (docs/detmath.md, "Special values"): f(+∞) = +∞, f(−∞) = −0.
            // PyTorch's formulas give NaN at −∞ (−∞·0, −∞/∞), and the double-double arithmetic below would too.
            return a > 0 ? double.PositiveInfinity : -0.0;
        }

        return function switch
        {
            DetMathFunction.Exp => Math.Exp(a),
            DetMathFunction.Log => Math.Log(a),
            DetMathFunction.Tanh => Math.Tanh(a),
            DetMathFunction.Erf => Erf(a),
            DetMathFunction.Sigmoid => 1.0 / (1.0 + Math.Exp(-a)),
            DetMathFunction.Silu => a / (1.0 + Math.Exp(-a)),
            DetMathFunction.Gelu => Gelu(a),
            DetMathFunction.GeluTanh => GeluTanh(a),
            DetMathFunction.Rsqrt => 1.0 / Math.Sqrt(a),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown DetMath function."),
        };
    }

    /// <summary>erf x: the series below |x| = 3, 1 − erfc beyond.</summary>
    private static double Erf(double x)
    {
        double t = Math.Abs(x);
        double erf = t < 3 ? ErfSeries(t, t * t).ToDouble() : 1.0 - ErfcContinuedFraction(t, t * t);
        return Math.CopySign(erf, x);
    }

    /// <summary>0.5·x·(1 + erf(x/√2)); for x &lt; 0 as 0.5·x·erfc(|x|/√2) to keep relative accuracy.</summary>
    private static double Gelu(double x)
    {
        DoubleDoubleValue t = InverseSqrt2 * Math.Abs(x);
        double square = x * x * 0.5; // exact
        if (x >= 0)
        {
            return (0.5 * x * (1.0 + ErfSeriesOrOne(t, square))).ToDouble();
        }

        double erfc = t.Hi < 3 ? (1.0 - ErfSeries(t, square)).ToDouble() : ErfcContinuedFraction(t.Hi, square);
        return 0.5 * x * erfc;
    }

    private static DoubleDoubleValue ErfSeriesOrOne(DoubleDoubleValue t, double square) =>
        t.Hi < 6 ? ErfSeries(t, square) : 1.0;

    /// <summary>x / (1 + e^(−2u)) = 0.5·x·(1 + tanh u), with −2u in double-double and e^(hi+lo) ≈ e^hi·(1 + lo).</summary>
    private static double GeluTanh(double x)
    {
        DoubleDoubleValue cube = (DoubleDoubleValue)(x * x) * x;
        DoubleDoubleValue minusTwoU = -2.0 * (SqrtTwoOverPi * (x + Kappa * cube));
        if (minusTwoU.Hi > 700)
        {
            return x * 0.0; // below 2^-900: a zero with the sign of x
        }

        double exp = Math.Exp(minusTwoU.Hi) * (1.0 + minusTwoU.Lo);
        return x / (1.0 + exp);
    }

    /// <summary>erf t = (2/√π) Σ (−1)ⁿ t^(2n+1) / (n!(2n+1)) in double-double, for 0 ≤ t &lt; 6 (t² given exactly).</summary>
    private static DoubleDoubleValue ErfSeries(DoubleDoubleValue t, double square)
    {
        DoubleDoubleValue term = t;
        DoubleDoubleValue sum = t;
        for (int n = 1; n < 400; n++)
        {
            term = term * -square / n;
            sum += term / (2 * n + 1);
            if (n > square && Math.Abs(term.Hi) < Math.ScaleB(Math.Abs(sum.Hi), -110))
            {
                break;
            }
        }

        return TwoOverSqrtPi * sum;
    }

    /// <summary>
    /// erfc t = e^(−t²)/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))), for t ≥ 3, evaluated from the
    /// 400th level down (all terms positive: stable); t² given exactly.
    /// </summary>
    private static double ErfcContinuedFraction(double t, double square)
    {
        double f = t;
        for (int k = 400; k >= 1; k--)
        {
            f = t + 0.5 * k / f;
        }

        return Math.Exp(-square) * InverseSqrtPi / f;
    }
}
