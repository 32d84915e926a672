using System.Diagnostics.CodeAnalysis;

namespace KernelGen;

/// <summary>
/// A fixed number of float lanes that the CPU row kernels compute on together: one hardware vector
/// (<see cref="Vector512Lanes"/>, <see cref="Vector256Lanes"/>, <see cref="Vector128Lanes"/>) or two
/// halves of a wider set (<see cref="LanePair{THalf}"/>). A kernel is written once, generic over this
/// interface, and the JIT compiles it for each width.
/// </summary>
/// <remarks>
/// Every operation is the IEEE operation of the scalar code applied to each lane (the same rounding,
/// the same NaN and signed-zero behaviour), so lane j of a result has the bits the scalar kernel gives
/// for element j. The vector paths run only with a hardware FMA (<see cref="SimdPaths.IsSupported"/>).
/// </remarks>
/// <typeparam name="TSelf">The implementing type.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Static abstract members are the point: the JIT specializes each kernel per width.")]
internal interface IFloatLanes<TSelf>
    where TSelf : struct, IFloatLanes<TSelf>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(float value);

    /// <summary>Lanes 0, 1, … from <paramref name="source"/> and the <see cref="Count"/> − 1 floats after it.</summary>
    static abstract TSelf Load(ref float source);

    /// <summary>Writes the lanes to <paramref name="destination"/> and the <see cref="Count"/> − 1 floats after it.</summary>
    static abstract void Store(TSelf value, ref float destination);

    /// <summary>Lane-wise IEEE addition.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>Lane-wise IEEE subtraction.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>Lane-wise IEEE multiplication.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>Lane-wise IEEE division.</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);

    /// <summary>Lane-wise <c>a × b + c</c>, rounded once.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);

    /// <summary>Lane-wise <see cref="CanonicalReduction.Max(float, float)"/>: <c>a &gt; b || isNaN(a) ? a : b</c>.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>Lane-wise <see cref="DetMath.Exp(float)"/>, every lane the scalar function's bits.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>
    /// Lane-wise <see cref="DetMath.Exp(float)"/> on both halves of a pair: the bits of <see cref="Exp(TSelf)"/> on each,
    /// with the two halves' exponentials interleaved where the width allows (<see cref="PairedWidth{TWidth, TFloat, TDouble}"/>).
    /// </summary>
    static abstract LanePair<TSelf> ExpOfPair(LanePair<TSelf> x);

    /// <summary>Lane-wise <see cref="DetMath.CanonicalizeNaN(float)"/>.</summary>
    static abstract TSelf CanonicalizeNaN(TSelf value);

    /// <summary>
    /// The canonical tree over the lanes, as a sum: lane j += lane j + Count/2, then + Count/4, …, + 1,
    /// returning lane 0. On a 32-lane set this is the tree of docs/arithmetic.md, rule 2.
    /// </summary>
    static abstract float SumTree(TSelf lanes);

    /// <summary><see cref="SumTree"/> with <see cref="CanonicalReduction.Max(float, float)"/> (the lower lane as the first operand) at each step.</summary>
    static abstract float MaxTree(TSelf lanes);
}
