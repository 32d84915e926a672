using System;
using System.Numerics;

namespace KernelGen.Runtime.Tests.Exact;

/// <summary>
/// KG-Exact-1 written from its definition alone (docs/arithmetic.md), with <see cref="BigInteger"/> and doubles,
/// sharing no code with the runtime: the scale exponent from <see cref="Math.ILogB(double)"/>, the quantization
/// and the final rounding as exact rational arithmetic, the digits from modular arithmetic, all sixteen slice
/// products computed and the six dropped ones left out by the rule t + u ≤ 3.
/// </summary>
internal static class ExactReference
{
    public const int Slices = 4;

    /// <summary>One output: the exact tier's product of <paramref name="x"/> and <paramref name="w"/>, then the bias.</summary>
    public static float Output(ReadOnlySpan<float> x, ReadOnlySpan<float> w, float? bias)
    {
        float y = Product(x, w);
        return bias is float b ? Canonical(y + b) : Canonical(y);
    }

    /// <summary>The rounded product before the bias.</summary>
    public static float Product(ReadOnlySpan<float> x, ReadOnlySpan<float> w)
    {
        foreach (float value in x)
        {
            if (!float.IsFinite(value))
            {
                return float.NaN;
            }
        }

        int? ex = Scale(x), ew = Scale(w);
        if (ex is null || ew is null)
        {
            return 0f;
        }

        BigInteger[,] dx = Digits(x, ex.Value), dw = Digits(w, ew.Value);
        BigInteger n = BigInteger.Zero;
        for (int t = 0; t < Slices; t++)
        {
            for (int u = 0; u < Slices; u++)
            {
                if (t + u > Slices - 1)
                {
                    continue; // the six dropped pairs
                }

                BigInteger p = BigInteger.Zero;
                for (int i = 0; i < x.Length; i++)
                {
                    p += dx[i, t] * dw[i, u];
                }

                n += p << (8 * (6 - t - u));
            }
        }

        return RoundToFloat(n, ex.Value + ew.Value - 60);
    }

    /// <summary>The smallest e with max |v| &lt; 2^e; null for a zero vector.</summary>
    public static int? Scale(ReadOnlySpan<float> v)
    {
        double max = 0;
        foreach (float value in v)
        {
            max = Math.Max(max, Math.Abs((double)value));
        }

        return max == 0 ? null : Math.ILogB(max) + 1;
    }

    /// <summary>q = RNE(v · 2^(30 − e)) as an exact rational rounding.</summary>
    public static BigInteger Quantize(float value, int e)
    {
        (BigInteger mantissa, int exponent) = Decompose(value); // value = mantissa · 2^exponent exactly
        return RoundHalfEven(mantissa, exponent + 30 - e);
    }

    /// <summary>Balanced base-256 digits, most significant first: d = low byte read as a signed byte, q = (q − d)/256.</summary>
    public static BigInteger[] DigitsOf(BigInteger q)
    {
        var digits = new BigInteger[Slices];
        for (int t = Slices - 1; t >= 0; t--)
        {
            BigInteger low = ((q % 256) + 256) % 256;
            if (t > 0 && low >= 128)
            {
                low -= 256;
            }

            digits[t] = t > 0 ? low : q; // the top digit is what remains
            q = (q - low) / 256;
        }

        return digits;
    }

    /// <summary>n · 2^exponent rounded to the nearest float, ties to even (subnormals, overflow to ±∞).</summary>
    public static float RoundToFloat(BigInteger n, int exponent)
    {
        if (n.IsZero)
        {
            return 0f;
        }

        int sign = n.Sign;
        BigInteger magnitude = BigInteger.Abs(n);
        int top = (int)magnitude.GetBitLength() - 1 + exponent;
        int quantum = Math.Max(top, -126) - 23; // the spacing of floats at this magnitude
        BigInteger k = RoundHalfEven(magnitude, exponent - quantum);
        double value = Math.ScaleB((double)k, quantum); // exact: k ≤ 2^24
        if (value >= Math.ScaleB(1.0, 128))
        {
            return sign > 0 ? float.PositiveInfinity : float.NegativeInfinity;
        }

        return (float)(sign * value); // exact: a float
    }

    /// <summary>The canonical NaN for any NaN, as every KernelGen kernel stores it.</summary>
    public static float Canonical(float value) => float.IsNaN(value) ? BitConverter.Int32BitsToSingle(0x7FC00000) : value;

    private static BigInteger[,] Digits(ReadOnlySpan<float> v, int e)
    {
        var digits = new BigInteger[v.Length, Slices];
        for (int i = 0; i < v.Length; i++)
        {
            BigInteger q = Quantize(v[i], e);
            if (BigInteger.Abs(q) > (BigInteger.One << 30))
            {
                throw new InvalidOperationException($"|q| = {q} > 2^30");
            }

            BigInteger[] d = DigitsOf(q);
            for (int t = 0; t < Slices; t++)
            {
                digits[i, t] = d[t];
            }
        }

        return digits;
    }

    /// <summary>RNE(m · 2^shift) for any integer shift.</summary>
    private static BigInteger RoundHalfEven(BigInteger m, int shift)
    {
        if (shift >= 0)
        {
            return m << shift;
        }

        BigInteger divisor = BigInteger.One << -shift;
        BigInteger quotient = BigInteger.DivRem(BigInteger.Abs(m), divisor, out BigInteger remainder);
        BigInteger twice = remainder * 2;
        if (twice > divisor || (twice == divisor && !quotient.IsEven))
        {
            quotient += 1;
        }

        return m.Sign < 0 ? -quotient : quotient;
    }

    private static (BigInteger Mantissa, int Exponent) Decompose(float value)
    {
        double d = value;
        if (d == 0)
        {
            return (BigInteger.Zero, 0);
        }

        int exponent = Math.ILogB(d) - 52;
        long mantissa = (long)Math.ScaleB(d, -exponent); // exact: 53-bit integer
        return (mantissa, exponent);
    }
}
