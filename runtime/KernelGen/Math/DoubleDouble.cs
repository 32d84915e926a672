namespace KernelGen;

/// <summary>
/// Error-free transformations on doubles (Dekker, Knuth): a value held as an unevaluated sum
/// <c>hi + lo</c> carries about 106 bits. Every operation goes through <typeparamref name="TMath"/>
/// so that no multiply and add are contracted behind the code's back.
/// </summary>
/// <typeparam name="TMath">The device's arithmetic: <see cref="CpuMath"/> or <see cref="CudaMath"/>.</typeparam>
internal static class DoubleDouble<TMath>
    where TMath : struct, IKernelMath
{
    /// <summary><c>a × b = hi + lo</c> exactly (barring underflow); returns <c>hi</c>, the rounded product.</summary>
    public static double TwoProduct(double a, double b, out double lo)
    {
        TMath m = default;
        double hi = m.Mul(a, b);
        lo = m.Fma(a, b, -hi);
        return hi;
    }

    /// <summary><c>a + b = hi + lo</c> exactly, for any order of magnitudes (Knuth's TwoSum); returns <c>hi</c>.</summary>
    public static double TwoSum(double a, double b, out double lo)
    {
        TMath m = default;
        double hi = m.Add(a, b);
        double bPart = m.Add(hi, -a);
        double aPart = m.Add(hi, -bPart);
        lo = m.Add(m.Add(a, -aPart), m.Add(b, -bPart));
        return hi;
    }

    /// <summary><c>a + b = hi + lo</c> exactly when <c>|a| ≥ |b|</c> (Dekker's Fast2Sum); returns <c>hi</c>.</summary>
    public static double FastTwoSum(double a, double b, out double lo)
    {
        TMath m = default;
        double hi = m.Add(a, b);
        lo = m.Add(b, -m.Add(hi, -a));
        return hi;
    }
}
