using System;

namespace KernelGen.DetMathChecks;

/// <summary>
/// A double-double number <c>Hi + Lo</c> (about 106 bits) for the reference functions: independent
/// of the runtime's own helpers, written with <see cref="Math.FusedMultiplyAdd(double, double, double)"/>.
/// </summary>
internal readonly record struct DoubleDoubleValue(double Hi, double Lo)
{
    public static DoubleDoubleValue operator +(DoubleDoubleValue a, DoubleDoubleValue b)
    {
        double s = a.Hi + b.Hi;
        double bb = s - a.Hi;
        double e = (a.Hi - (s - bb)) + (b.Hi - bb) + a.Lo + b.Lo;
        return Normalize(s, e);
    }

    public static DoubleDoubleValue operator -(DoubleDoubleValue a) => new(-a.Hi, -a.Lo);

    public static DoubleDoubleValue operator -(DoubleDoubleValue a, DoubleDoubleValue b) => a + -b;

    public static DoubleDoubleValue operator *(DoubleDoubleValue a, DoubleDoubleValue b)
    {
        double p = a.Hi * b.Hi;
        double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi);
        return Normalize(p, e);
    }

    public static DoubleDoubleValue operator /(DoubleDoubleValue a, double b)
    {
        double q = a.Hi / b;
        double r = Math.FusedMultiplyAdd(-q, b, a.Hi) + a.Lo; // a − q·b, the first term exactly
        return Normalize(q, r / b);
    }

    public static implicit operator DoubleDoubleValue(double value) => new(value, 0);

    /// <summary>The value rounded to double.</summary>
    public double ToDouble() => Hi + Lo;

    private static DoubleDoubleValue Normalize(double hi, double lo)
    {
        double s = hi + lo;
        return new DoubleDoubleValue(s, lo - (s - hi));
    }
}
