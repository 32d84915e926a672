using ILGPU;

namespace KernelGen;

public static partial class DetMath
{
    /// <summary>
    /// Whether the double <paramref name="y"/> lies within <paramref name="relativeBound"/>·|y| of a
    /// midpoint between two adjacent floats (subnormals included): then a result with that relative
    /// error may round to either float, and the caller recomputes it more precisely.
    /// </summary>
    private static bool NearFloatMidpoint<TMath>(double y, double relativeBound)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        double a = Interop.IntAsFloat(Interop.FloatAsInt(y) & 0x7FFF_FFFF_FFFF_FFFFUL); // |y|, exact
        float f = (float)a;
        double nearest = f;
        if (nearest == a)
        {
            return false; // a float: half a float ulp from either midpoint
        }

        uint bits = Interop.FloatAsInt(f);
        double other = Interop.IntAsFloat(nearest < a ? bits + 1 : bits - 1); // the float on a's other side
        double midpoint = m.Mul(m.Add(nearest, other), 0.5);                    // exact: two adjacent floats
        double distance = m.Add(a, -midpoint);                                  // exact (Sterbenz) or larger than the bound
        if (distance < 0.0)
        {
            distance = -distance;
        }

        return distance <= m.Mul(a, relativeBound);
    }

    /// <summary>
    /// <c>hi + lo</c> rounded to the nearest float (ties to even), for a normalized double-double
    /// (<c>hi = RN(hi + lo)</c>). Rounding <c>hi</c> alone is right unless <c>hi</c> is itself a
    /// midpoint between two floats; then the sign of <c>lo</c> says on which side the value lies.
    /// </summary>
    private static float RoundToFloat<TMath>(double hi, double lo)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        bool negative = hi < 0.0;
        if (negative)
        {
            hi = -hi; // exact
            lo = -lo;
        }

        float f = (float)hi;
        double nearest = f;
        if (nearest != hi && lo != 0.0)
        {
            uint bits = Interop.FloatAsInt(f);
            float other = Interop.IntAsFloat(nearest < hi ? bits + 1 : bits - 1);
            double midpoint = m.Mul(m.Add(nearest, other), 0.5);
            if (hi == midpoint)
            {
                bool otherIsAbove = other > f;
                f = (lo > 0.0) == otherIsAbove ? other : f; // the float on lo's side of the midpoint
            }
        }

        return negative ? -f : f;
    }

    /// <summary>
    /// <c>c + u·p</c> in double-double (<c>u</c>, <c>p</c>, <c>c</c> each <c>hi + lo</c>), for
    /// <c>|u·p| &lt; |c|</c>; relative error near 2^-104. Returns the high part, normalized.
    /// </summary>
    private static double MulAddDoubleDouble<TMath>(double pHi, double pLo, double uHi, double uLo, double cHi, double cLo, out double lo)
        where TMath : struct, IKernelMath
    {
        TMath m = default;
        double productHi = DoubleDouble<TMath>.TwoProduct(uHi, pHi, out double productLo);
        productLo = m.Fma(uHi, pLo, m.Fma(uLo, pHi, productLo));
        double sumHi = DoubleDouble<TMath>.TwoSum(cHi, productHi, out double sumLo);
        sumLo = m.Add(m.Add(sumLo, productLo), cLo);
        return DoubleDouble<TMath>.FastTwoSum(sumHi, sumLo, out lo);
    }
}
