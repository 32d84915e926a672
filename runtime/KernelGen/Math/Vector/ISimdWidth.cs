namespace KernelGen;

/// <summary>
/// One vector width for the vector forms of <see cref="DetMath"/>: a float vector
/// <typeparamref name="TFloat"/> and its lanes widened exactly to double, <typeparamref name="TDouble"/>
/// (a <see cref="VectorPair{TVector}"/>: two double vectors, the lower and the upper half). <see cref="VectorDetMath{TWidth, TFloat, TDouble}"/> is written once
/// over this interface and implemented by <see cref="SimdWidth512"/>, <see cref="SimdWidth256"/> and
/// <see cref="SimdWidth128"/>, and by <see cref="PairedWidth{TWidth, TFloat, TDouble}"/>: two vectors of one of them.
/// </summary>
/// <remarks>
/// Every double operation is one IEEE operation per lane, rounded to nearest even (the fused
/// multiply-add rounded once), so a lane computes exactly what the scalar code computes with
/// <see cref="CpuMath"/>. Masks are double vectors with all bits set in the selected lanes.
/// </remarks>
/// <typeparam name="TFloat">The float vector.</typeparam>
/// <typeparam name="TDouble">The same lanes as doubles (two double vectors).</typeparam>
internal interface ISimdWidth<TFloat, TDouble>
    where TFloat : struct
    where TDouble : struct
{
    /// <summary>The number of float lanes.</summary>
    static abstract int FloatCount { get; }

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

    /// <summary><typeparamref name="TFunction"/>'s vector form of this width on <paramref name="x"/>.</summary>
    static abstract TFloat Apply<TFunction>(TFloat x)
        where TFunction : struct, IElementFunction;

    /// <summary>The lanes, each converted to double (exact).</summary>
    static abstract TDouble Widen(TFloat value);

    /// <summary>The lanes, each rounded to the nearest float (ties to even).</summary>
    static abstract TFloat Narrow(TDouble value);

    // Double lanes: IEEE arithmetic, each operation rounded once. The names and the overloads with a
    // double constant (broadcast to every lane) keep each operation one small inlined call.

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TDouble Create(double value);

    /// <summary><c>a + b</c>.</summary>
    static abstract TDouble Add(TDouble a, TDouble b);

    /// <summary><c>a + b</c>.</summary>
    static abstract TDouble Add(TDouble a, double b);

    /// <summary><c>a − b</c>: IEEE defines it as <c>a + (−b)</c>, bit for bit, so it stands for the scalar code's <c>m.Add(a, -b)</c>.</summary>
    static abstract TDouble Sub(TDouble a, TDouble b);

    /// <summary><c>a − b</c>.</summary>
    static abstract TDouble Sub(double a, TDouble b);

    /// <summary><c>a × b</c>.</summary>
    static abstract TDouble Mul(TDouble a, TDouble b);

    /// <summary><c>a × b</c>.</summary>
    static abstract TDouble Mul(TDouble a, double b);

    /// <summary><c>a ÷ b</c>.</summary>
    static abstract TDouble Div(TDouble a, TDouble b);

    /// <summary><c>a ÷ b</c>.</summary>
    static abstract TDouble Div(double a, TDouble b);

    /// <summary><c>a × b + c</c>, rounded once (a hardware fused multiply-add).</summary>
    static abstract TDouble Fma(TDouble a, TDouble b, TDouble c);

    /// <summary><c>a × b + c</c>, rounded once.</summary>
    static abstract TDouble Fma(TDouble a, TDouble b, double c);

    /// <summary><c>a × b + c</c>, rounded once.</summary>
    static abstract TDouble Fma(TDouble a, double b, TDouble c);

    /// <summary>
    /// <paramref name="value"/> clamped to [<paramref name="min"/>, <paramref name="max"/>]: lanes inside keep their
    /// value, lanes below take <paramref name="min"/>, lanes above <paramref name="max"/>. A NaN lane gives an
    /// unspecified number: callers replace NaN lanes afterwards.
    /// </summary>
    static abstract TDouble Clamp(TDouble value, double min, double max);

    /// <summary><c>√a</c>.</summary>
    static abstract TDouble Sqrt(TDouble a);

    /// <summary><c>−a</c> (the sign bit flipped: exact).</summary>
    static abstract TDouble Neg(TDouble a);

    /// <summary><c>|a|</c> (the sign bit cleared: exact).</summary>
    static abstract TDouble Abs(TDouble a);

    /// <summary><paramref name="magnitude"/> with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TDouble CopySign(TDouble magnitude, TDouble sign);

    // Double lanes: comparisons (ordered: false where a NaN takes part), masks and selection.

    /// <summary>The mask of <c>a &lt; b</c>.</summary>
    static abstract TDouble Less(TDouble a, double b);

    /// <summary>The mask of <c>a &gt; b</c>.</summary>
    static abstract TDouble Greater(TDouble a, double b);

    /// <summary>The mask of <c>a ≥ b</c>.</summary>
    static abstract TDouble GreaterOrEqual(TDouble a, double b);

    /// <summary>The mask of <c>a == b</c>.</summary>
    static abstract TDouble Equal(TDouble a, double b);

    /// <summary>The mask of the lanes set in both <paramref name="a"/> and <paramref name="b"/>.</summary>
    static abstract TDouble And(TDouble a, TDouble b);

    /// <summary>The mask of the lanes set in <paramref name="a"/> or <paramref name="b"/>.</summary>
    static abstract TDouble Or(TDouble a, TDouble b);

    /// <summary>The mask of the lanes set in <paramref name="a"/> but not in <paramref name="b"/>.</summary>
    static abstract TDouble AndNot(TDouble a, TDouble b);

    /// <summary>Per lane, <paramref name="ifSet"/> where <paramref name="mask"/> is set, else <paramref name="ifClear"/>.</summary>
    static abstract TDouble Select(TDouble mask, TDouble ifSet, TDouble ifClear);

    /// <summary>Per lane, <paramref name="ifSet"/> where <paramref name="mask"/> is set, else <paramref name="ifClear"/>.</summary>
    static abstract TDouble Select(TDouble mask, double ifSet, TDouble ifClear);

    /// <summary>One bit per lane of <paramref name="mask"/> (bit i = float lane i).</summary>
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

    /// <summary>The lanes whose bits, as a signed 64-bit integer, are less than <paramref name="bound"/>.</summary>
    static abstract TDouble LessBits(TDouble value, long bound);

    // Float lanes, tested before they are widened: one comparison covers every lane.

    /// <summary>One bit per lane (bit i = lane i), set where <c>|value| &lt; bound</c>; clear for NaN.</summary>
    static abstract uint MagnitudeBelow(TFloat value, float bound);
}
