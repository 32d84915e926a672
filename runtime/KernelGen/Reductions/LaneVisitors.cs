using ILGPU;

namespace KernelGen;

/// <summary>Loads element <c>index</c> of a row into the register.</summary>
/// <param name="source">All rows.</param>
/// <param name="rowStart">Where the row starts.</param>
internal struct LoadVisitor(ArrayView<float> source, long rowStart) : ILaneVisitor
{
    /// <inheritdoc/>
    public readonly void Visit(ref float value, int index) => value = source[rowStart + index];
}

/// <summary>Loads <c>input[index] + residual[index]</c> (rounded, NaN canonicalized: the bits of <see cref="GpuElementwise.Add"/>).</summary>
/// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
/// <param name="input">All input rows.</param>
/// <param name="residual">All residual rows.</param>
/// <param name="rowStart">Where the row starts.</param>
internal struct LoadSumVisitor<TMath>(ArrayView<float> input, ArrayView<float> residual, long rowStart) : ILaneVisitor
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public readonly void Visit(ref float value, int index) =>
        value = DetMath.CanonicalizeNaN(default(TMath).Add(input[rowStart + index], residual[rowStart + index]));
}

/// <summary>The lane partial of a sum: <c>p = p + x</c> in the lane's order, from −0.</summary>
/// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
internal struct SumVisitor<TMath> : ILaneVisitor
    where TMath : struct, IKernelMath
{
    /// <summary>The partial so far.</summary>
    public float Partial;

    /// <summary>Starts at −0, the identity of IEEE addition.</summary>
    public SumVisitor() => Partial = -0f;

    /// <inheritdoc/>
    public void Visit(ref float value, int index) => Partial = default(TMath).Add(Partial, value);
}

/// <summary>The lane partial of a sum of squared deviations: <c>d = x − center</c> (rounded), <c>p = fma(d, d, p)</c>, from −0.</summary>
/// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
/// <param name="center">The value deviations are taken from (0 for RMSNorm: <c>x + (−0) = x</c>).</param>
internal struct SquaredDeviationVisitor<TMath>(float center) : ILaneVisitor
    where TMath : struct, IKernelMath
{
    /// <summary>The value deviations are taken from.</summary>
    public readonly float Center = center;

    /// <summary>The partial so far.</summary>
    public float Partial = -0f;

    /// <inheritdoc/>
    public void Visit(ref float value, int index)
    {
        TMath math = default;
        float deviation = math.Add(value, -Center);
        Partial = math.Fma(deviation, deviation, Partial);
    }
}

/// <summary>The lane maximum (<see cref="CanonicalReduction.Max(float, float)"/>), from −∞.</summary>
internal struct MaxVisitor : ILaneVisitor
{
    /// <summary>The maximum so far.</summary>
    public float Partial;

    /// <summary>Starts at −∞.</summary>
    public MaxVisitor() => Partial = float.NegativeInfinity;

    /// <inheritdoc/>
    public void Visit(ref float value, int index) => Partial = CanonicalReduction.Max(Partial, value);
}

/// <summary>Stores the register to element <c>index</c> of a row.</summary>
/// <param name="target">All rows.</param>
/// <param name="rowStart">Where the row starts.</param>
internal struct StoreVisitor(ArrayView<float> target, long rowStart) : ILaneVisitor
{
    /// <inheritdoc/>
    public readonly void Visit(ref float value, int index) => target[rowStart + index] = value;
}
