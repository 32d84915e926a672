namespace KernelGen;

/// <summary>
/// One step of a canonical reduction's lane accumulation (<c>partial = step(partial, element)</c>),
/// written for a set of lanes and for one float with the same IEEE operations, so that the vector
/// loop and the scalar tail of <see cref="LaneReduction"/> agree bit for bit. A step may keep what it
/// computes from the elements (a ref struct holding an output span, written at <c>index</c>).
/// </summary>
internal interface ILaneStep
{
    /// <summary>Accumulates <paramref name="value"/>, the elements from <paramref name="index"/> on, into <paramref name="partial"/>, lane by lane.</summary>
    TLanes Apply<TLanes>(TLanes partial, TLanes value, int index)
        where TLanes : struct, IFloatLanes<TLanes>;

    /// <summary>Accumulates element <paramref name="index"/> into one lane partial.</summary>
    float Apply(float partial, float value, int index);
}

/// <summary><c>p + x</c>.</summary>
internal readonly struct SumStep : ILaneStep
{
    public TLanes Apply<TLanes>(TLanes partial, TLanes value, int index)
        where TLanes : struct, IFloatLanes<TLanes> => partial + value;

    public float Apply(float partial, float value, int index) => partial + value;
}

/// <summary><c>fma(d, d, p)</c> with <c>d = x − center</c> (rounded).</summary>
/// <param name="center">The value deviations are taken from.</param>
internal readonly struct SquaredDeviationStep(float center) : ILaneStep
{
    public TLanes Apply<TLanes>(TLanes partial, TLanes value, int index)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        TLanes deviation = value - TLanes.Create(center);
        return TLanes.Fma(deviation, deviation, partial);
    }

    public float Apply(float partial, float value, int index)
    {
        float deviation = value - center;
        return DetMath.Fma(deviation, deviation, partial);
    }
}

/// <summary><see cref="CanonicalReduction.Max(float, float)"/><c>(p, x)</c>.</summary>
internal readonly struct MaxStep : ILaneStep
{
    public TLanes Apply<TLanes>(TLanes partial, TLanes value, int index)
        where TLanes : struct, IFloatLanes<TLanes> => TLanes.Max(partial, value);

    public float Apply(float partial, float value, int index) => CanonicalReduction.Max(partial, value);
}
