using System;

namespace KernelGen.DetMathChecks;

/// <summary>What a reference value says about a float result.</summary>
internal enum RoundingVerdict
{
    /// <summary>The result is the reference rounded to nearest float, and the reference is far enough from a midpoint to be sure.</summary>
    CorrectlyRounded,

    /// <summary>The reference is too close to a midpoint between two floats to decide; a higher-precision check must settle it.</summary>
    Undecided,

    /// <summary>The result is not the correctly rounded value.</summary>
    Misrounded,
}

/// <summary>Judges float results against a double reference with a known relative error bound.</summary>
internal static class RoundingJudge
{
    /// <summary>
    /// Judges <paramref name="result"/> against <paramref name="reference"/>, whose relative error is at
    /// most <paramref name="relativeError"/>. Zeros compare with their signs.
    /// </summary>
    public static RoundingVerdict Judge(float result, double reference, double relativeError)
    {
        if (double.IsNaN(reference) || double.IsInfinity(reference))
        {
            // Outside the domain the result is the canonical NaN; at a pole or an infinite argument, the same infinity.
            bool expected = double.IsNaN(reference)
                ? BitConverter.SingleToUInt32Bits(result) == DetMath.CanonicalNaNBits
                : (double)result == reference;
            return expected ? RoundingVerdict.CorrectlyRounded : RoundingVerdict.Misrounded;
        }

        float rounded = (float)reference;
        double slack = Math.Abs(reference) * relativeError;
        float below = (float)(reference - slack);
        float above = (float)(reference + slack);
        if (below != above)
        {
            return RoundingVerdict.Undecided; // a midpoint (or the overflow threshold) lies within the error bound
        }

        bool same = BitConverter.SingleToUInt32Bits(rounded) == BitConverter.SingleToUInt32Bits(result);
        return same ? RoundingVerdict.CorrectlyRounded : RoundingVerdict.Misrounded;
    }

    /// <summary>
    /// The error of <paramref name="result"/> in units of the last place of the float nearest
    /// <paramref name="reference"/> (the spacing of floats there; 2^-149 in the subnormal range).
    /// </summary>
    public static double UlpError(float result, double reference)
    {
        if (double.IsInfinity(reference))
        {
            return (double)result == reference ? 0 : double.PositiveInfinity;
        }

        if (float.IsInfinity(result) && float.IsInfinity((float)reference) && (float)reference == result)
        {
            return 0; // correctly overflowed
        }

        if (float.IsInfinity(result))
        {
            // An overflowed result counts as ±2^128, the value one binade past float.MaxValue.
            return Math.Abs(Math.CopySign(Math.ScaleB(1.0, 128), result) - reference) / Math.ScaleB(1.0, 104);
        }

        float nearest = (float)Math.Abs(reference);
        double ulp = float.IsInfinity(nearest) ? Math.ScaleB(1.0, 104) : (double)MathF.BitIncrement(nearest) - nearest;
        if ((double)nearest > Math.Abs(reference) && nearest > 0)
        {
            ulp = Math.Min(ulp, (double)nearest - MathF.BitDecrement(nearest)); // just below a power of two
        }

        return Math.Abs(result - reference) / ulp;
    }
}
