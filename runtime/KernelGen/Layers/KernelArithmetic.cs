namespace KernelGen;

/// <summary>
/// The arithmetic a layer's dot products follow (<c>docs/arithmetic.md</c>). Both are bit-reproducible on every
/// batch, thread count, SIMD path and device; they give different bits from each other, so a layer states its tier
/// at its declaration and tiers are never mixed silently.
/// </summary>
public enum KernelArithmetic
{
    /// <summary>
    /// <c>KG-Bitwise-1</c> (the default): one float32 FMA chain per output, k ascending, never split
    /// (<see cref="ArithmeticVersion.Name"/>).
    /// </summary>
    Bitwise = 0,

    /// <summary>
    /// <c>KG-Exact-1</c>: each row and each weight row scaled by a power of two from its own largest magnitude,
    /// rounded to 31-bit integers, cut into four int8 slices, the slice products summed exactly in integers (any
    /// order, any split of k) and the result rounded once to float32 (<see cref="ArithmeticVersion.ExactName"/>).
    /// </summary>
    Exact = 1,
}
