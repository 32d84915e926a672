namespace KernelGen;

/// <summary>
/// One vector width for the vector forms of <see cref="DetMath"/>: a float vector
/// <typeparamref name="TFloat"/> whose lower and upper halves widen exactly into two double vectors
/// <typeparamref name="TDouble"/>. <see cref="VectorDetMath{TWidth, TFloat, TDouble}"/> is written once
/// over this interface and implemented by <see cref="SimdWidth512"/>, <see cref="SimdWidth256"/> and
/// <see cref="SimdWidth128"/>.
/// </summary>
/// <remarks>
/// Every double operation is one IEEE operation per lane, rounded to nearest even (the fused
/// multiply-add rounded once), so a lane computes exactly what the scalar code computes with
/// <see cref="CpuMath"/>. Masks are double vectors with all bits set in the selected lanes.
/// </remarks>
/// <typeparam name="TFloat">The float vector.</typeparam>
/// <typeparam name="TDouble">The double vector of half as many lanes.</typeparam>
internal interface ISimdWidth<TFloat, TDouble>
    where TFloat : struct
    where TDouble : struct
{
    /// <summary>The number of float lanes.</summary>
    static abstract int FloatCount { get; }

    /// <summary>The number of double lanes (half of <see cref="FloatCount"/>).</summary>
    static abstract int DoubleCount { get; }

    // Float lanes: moving data in and out, the lane fix-ups, widening and narrowing.

    /// <summary>Loads <see cref="FloatCount"/> floats from <paramref name="source"/>.</summary>
    static abstract TFloat Load(ref readonly float source);

    /// <summary>Stores the lanes of <paramref name="value"/> to <paramref name="destination"/>.</summary>
    static abstract void Store(TFloat value, ref float destination);

    /// <summary>Lane <paramref name="index"/> of <paramref name="value"/>.</summary>
    static abstract float GetElement(TFloat value, int index);

    /// <summary><paramref name="value"/> with lane <paramref name="index"/> replaced by <paramref name="element"/>.</summary>
    static abstract TFloat WithElement(TFloat value, int index, float element);

    /// <summary><paramref name="value"/>, with <see cref="DetMath.CanonicalNaN"/> in the lanes where <paramref name="input"/> is a NaN.</summary>
    static abstract TFloat CanonicalNaNWhereNaN(TFloat input, TFloat value);

    /// <summary><paramref name="value"/>, with <see cref="DetMath.CanonicalNaN"/> in the lanes where <paramref name="input"/> is not ≥ 0 (negative or NaN).</summary>
    static abstract TFloat CanonicalNaNWhereNotNonNegative(TFloat input, TFloat value);

    /// <summary>The lower half of the lanes, each converted to double (exact).</summary>
    static abstract TDouble WidenLower(TFloat value);

    /// <summary>The upper half of the lanes, each converted to double (exact).</summary>
    static abstract TDouble WidenUpper(TFloat value);

    /// <summary>The lanes of <paramref name="lower"/> then <paramref name="upper"/>, each rounded to the nearest float (ties to even).</summary>
    static abstract TFloat Narrow(TDouble lower, TDouble upper);

    // Double lanes: IEEE arithmetic, each operation rounded once.

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TDouble Create(double value);

    /// <summary><c>a + b</c>.</summary>
    static abstract TDouble Add(TDouble a, TDouble b);

    /// <summary><c>a − b</c> (the same as <c>a + (−b)</c>, bit for bit).</summary>
    static abstract TDouble Subtract(TDouble a, TDouble b);

    /// <summary><c>a × b</c>.</summary>
    static abstract TDouble Multiply(TDouble a, TDouble b);

    /// <summary><c>a ÷ b</c>.</summary>
    static abstract TDouble Divide(TDouble a, TDouble b);

    /// <summary><c>a × b + c</c>, rounded once (a hardware fused multiply-add).</summary>
    static abstract TDouble FusedMultiplyAdd(TDouble a, TDouble b, TDouble c);

    /// <summary><c>√a</c>.</summary>
    static abstract TDouble Sqrt(TDouble a);

    /// <summary><c>−a</c> (the sign bit flipped: exact).</summary>
    static abstract TDouble Negate(TDouble a);

    /// <summary><c>|a|</c> (the sign bit cleared: exact).</summary>
    static abstract TDouble Abs(TDouble a);

    /// <summary><paramref name="magnitude"/> with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TDouble CopySign(TDouble magnitude, TDouble sign);

    // Double lanes: comparisons (ordered: false where a NaN takes part), masks and selection.

    /// <summary>The mask of <c>a &lt; b</c>.</summary>
    static abstract TDouble LessThan(TDouble a, TDouble b);

    /// <summary>The mask of <c>a ≤ b</c>.</summary>
    static abstract TDouble LessThanOrEqual(TDouble a, TDouble b);

    /// <summary>The mask of <c>a == b</c>.</summary>
    static abstract TDouble Equals(TDouble a, TDouble b);

    /// <summary>The mask of the lanes set in both <paramref name="a"/> and <paramref name="b"/>.</summary>
    static abstract TDouble And(TDouble a, TDouble b);

    /// <summary>The mask of the lanes set in <paramref name="a"/> or <paramref name="b"/>.</summary>
    static abstract TDouble Or(TDouble a, TDouble b);

    /// <summary>The mask of the lanes set in <paramref name="a"/> but not in <paramref name="b"/>.</summary>
    static abstract TDouble AndNot(TDouble a, TDouble b);

    /// <summary>Per lane, <paramref name="ifSet"/> where <paramref name="mask"/> is set, else <paramref name="ifClear"/>.</summary>
    static abstract TDouble Select(TDouble mask, TDouble ifSet, TDouble ifClear);

    /// <summary>One bit per lane of <paramref name="mask"/> (bit i = lane i).</summary>
    static abstract uint MaskBits(TDouble mask);

    // Double lanes seen as 64-bit integers: the exponent and significand manipulations.

    /// <summary>The bits of every lane and-ed with <paramref name="bits"/>.</summary>
    static abstract TDouble AndBits(TDouble value, ulong bits);

    /// <summary>The bits of every lane or-ed with <paramref name="bits"/>.</summary>
    static abstract TDouble OrBits(TDouble value, ulong bits);

    /// <summary>The bits of every lane plus <paramref name="addend"/>, as 64-bit integers (wrapping).</summary>
    static abstract TDouble AddBits(TDouble value, ulong addend);

    /// <summary>The bits of every lane shifted left by <paramref name="count"/>.</summary>
    static abstract TDouble ShiftLeftBits(TDouble value, int count);

    /// <summary>The bits of every lane shifted right by <paramref name="count"/>, zeros coming in.</summary>
    static abstract TDouble ShiftRightBits(TDouble value, int count);
}
