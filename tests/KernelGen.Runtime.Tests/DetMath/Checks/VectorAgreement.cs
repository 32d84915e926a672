using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.DetMathChecks;

/// <summary>
/// Compares the vector forms of a <see cref="DetMathFunction"/> with its scalar form, lane by lane
/// and bit for bit. Shared by the vector tests and the exhaustive tool's <c>--vector</c> mode.
/// </summary>
internal static class VectorAgreement
{
    /// <summary>The vector widths, widest first.</summary>
    public static SimdPath[] Widths { get; } = [SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128];

    /// <summary>
    /// The functions that also have a form on two vectors at once (<c>PairedWidth</c>: the kernels' exponentials in
    /// softmax and attention), checked as a form of their own.
    /// </summary>
    public static IReadOnlyList<DetMathFunction> Paired { get; } = [DetMathFunction.Exp];

    /// <summary>The float lanes one evaluation of <paramref name="width"/> takes: twice a vector's when <paramref name="paired"/>.</summary>
    public static int Lanes(SimdPath width, bool paired) => (paired ? 2 : 1) * Lanes(width);

    /// <summary>The float lanes of <paramref name="width"/>.</summary>
    public static int Lanes(SimdPath width) => width switch
    {
        SimdPath.Vector512 => Vector512<float>.Count,
        SimdPath.Vector256 => Vector256<float>.Count,
        SimdPath.Vector128 => Vector128<float>.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Not a vector width."),
    };

    /// <summary>
    /// Evaluates <paramref name="function"/> on <paramref name="inputs"/> in vectors of
    /// <paramref name="width"/> (consecutive inputs share a vector; the last one is padded with the
    /// first inputs) and returns how many lanes differ from the scalar bits; the first
    /// <paramref name="maxListed"/> are added to <paramref name="listed"/>.
    /// </summary>
    public static long CountMismatches(
        DetMathFunction function, SimdPath width, ReadOnlySpan<float> inputs,
        List<(uint Input, uint Scalar, uint Vector)>? listed = null, int maxListed = 20, bool paired = false)
    {
        var scalarBits = new uint[inputs.Length];
        ScalarBits(function, inputs, scalarBits);
        return CountMismatches(function, width, inputs, scalarBits, listed, maxListed, paired);
    }

    /// <summary>The scalar function's bits for each input.</summary>
    public static void ScalarBits(DetMathFunction function, ReadOnlySpan<float> inputs, Span<uint> bits)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            bits[i] = BitConverter.SingleToUInt32Bits(DetMathFunctions.Evaluate<CpuMath>(function, inputs[i]));
        }
    }

    /// <summary>
    /// As <see cref="CountMismatches(DetMathFunction, SimdPath, ReadOnlySpan{float}, List{ValueTuple{uint, uint, uint}}?, int)"/>,
    /// with the scalar bits of the inputs already computed (<paramref name="scalarBits"/>).
    /// </summary>
    public static long CountMismatches(
        DetMathFunction function, SimdPath width, ReadOnlySpan<float> inputs, ReadOnlySpan<uint> scalarBits,
        List<(uint Input, uint Scalar, uint Vector)>? listed = null, int maxListed = 20, bool paired = false)
    {
        int lanes = Lanes(width, paired);
        Span<float> x = stackalloc float[2 * Vector512<float>.Count];
        Span<float> y = stackalloc float[2 * Vector512<float>.Count];
        long mismatches = 0;
        for (int start = 0; start < inputs.Length; start += lanes)
        {
            int count = Math.Min(lanes, inputs.Length - start);
            if (count == lanes)
            {
                Evaluate(function, width, inputs.Slice(start, lanes), y, paired);
            }
            else
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    x[lane] = inputs[(start + lane) % inputs.Length];
                }

                Evaluate(function, width, x[..lanes], y, paired);
            }

            for (int lane = 0; lane < count; lane++)
            {
                uint vector = BitConverter.SingleToUInt32Bits(y[lane]);
                if (vector != scalarBits[start + lane])
                {
                    mismatches++;
                    if (listed is not null && listed.Count < maxListed)
                    {
                        listed.Add((BitConverter.SingleToUInt32Bits(inputs[start + lane]), scalarBits[start + lane], vector));
                    }
                }
            }
        }

        return mismatches;
    }

    /// <summary>
    /// The vector form of <paramref name="function"/> on one vector of <paramref name="width"/> read from <paramref name="x"/>,
    /// or with <paramref name="paired"/> its form on two vectors at once (only the functions in <see cref="Paired"/>).
    /// </summary>
    public static void Evaluate(DetMathFunction function, SimdPath width, ReadOnlySpan<float> x, Span<float> y, bool paired = false)
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float destination = ref MemoryMarshal.GetReference(y);
        if (paired)
        {
            EvaluatePair(function, width, ref source, ref destination);
            return;
        }

        switch (width)
        {
            case SimdPath.Vector512:
                Evaluate512(function, Vector512.LoadUnsafe(ref source)).StoreUnsafe(ref destination);
                break;
            case SimdPath.Vector256:
                Evaluate256(function, Vector256.LoadUnsafe(ref source)).StoreUnsafe(ref destination);
                break;
            case SimdPath.Vector128:
                Evaluate128(function, Vector128.LoadUnsafe(ref source)).StoreUnsafe(ref destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(width), width, "Not a vector width.");
        }
    }

    private static Vector512<float> Evaluate512(DetMathFunction function, Vector512<float> x) => function switch
    {
        DetMathFunction.Exp => DetMath.Exp(x),
        DetMathFunction.Log => DetMath.Log(x),
        DetMathFunction.Tanh => DetMath.Tanh(x),
        DetMathFunction.Erf => DetMath.Erf(x),
        DetMathFunction.Sigmoid => DetMath.Sigmoid(x),
        DetMathFunction.Silu => DetMath.Silu(x),
        DetMathFunction.Gelu => DetMath.Gelu(x),
        DetMathFunction.GeluTanh => DetMath.GeluTanh(x),
        DetMathFunction.Rsqrt => DetMath.Rsqrt(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown DetMath function."),
    };

    private static Vector256<float> Evaluate256(DetMathFunction function, Vector256<float> x) => function switch
    {
        DetMathFunction.Exp => DetMath.Exp(x),
        DetMathFunction.Log => DetMath.Log(x),
        DetMathFunction.Tanh => DetMath.Tanh(x),
        DetMathFunction.Erf => DetMath.Erf(x),
        DetMathFunction.Sigmoid => DetMath.Sigmoid(x),
        DetMathFunction.Silu => DetMath.Silu(x),
        DetMathFunction.Gelu => DetMath.Gelu(x),
        DetMathFunction.GeluTanh => DetMath.GeluTanh(x),
        DetMathFunction.Rsqrt => DetMath.Rsqrt(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown DetMath function."),
    };

    private static Vector128<float> Evaluate128(DetMathFunction function, Vector128<float> x) => function switch
    {
        DetMathFunction.Exp => DetMath.Exp(x),
        DetMathFunction.Log => DetMath.Log(x),
        DetMathFunction.Tanh => DetMath.Tanh(x),
        DetMathFunction.Erf => DetMath.Erf(x),
        DetMathFunction.Sigmoid => DetMath.Sigmoid(x),
        DetMathFunction.Silu => DetMath.Silu(x),
        DetMathFunction.Gelu => DetMath.Gelu(x),
        DetMathFunction.GeluTanh => DetMath.GeluTanh(x),
        DetMathFunction.Rsqrt => DetMath.Rsqrt(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown DetMath function."),
    };

    private static void EvaluatePair(DetMathFunction function, SimdPath width, ref float source, ref float destination)
    {
        if (function != DetMathFunction.Exp)
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "Only Exp has a form on two vectors.");
        }

        switch (width)
        {
            case SimdPath.Vector512:
                Store(DetMath.Exp(new VectorPair<Vector512<float>>(Vector512.LoadUnsafe(ref source), Vector512.LoadUnsafe(ref source, 16))), ref destination);
                break;
            case SimdPath.Vector256:
                Store(DetMath.Exp(new VectorPair<Vector256<float>>(Vector256.LoadUnsafe(ref source), Vector256.LoadUnsafe(ref source, 8))), ref destination);
                break;
            case SimdPath.Vector128:
                Store(DetMath.Exp(new VectorPair<Vector128<float>>(Vector128.LoadUnsafe(ref source), Vector128.LoadUnsafe(ref source, 4))), ref destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(width), width, "Not a vector width.");
        }
    }

    private static void Store(VectorPair<Vector512<float>> y, ref float destination)
    {
        y.Lower.StoreUnsafe(ref destination);
        y.Upper.StoreUnsafe(ref destination, 16);
    }

    private static void Store(VectorPair<Vector256<float>> y, ref float destination)
    {
        y.Lower.StoreUnsafe(ref destination);
        y.Upper.StoreUnsafe(ref destination, 8);
    }

    private static void Store(VectorPair<Vector128<float>> y, ref float destination)
    {
        y.Lower.StoreUnsafe(ref destination);
        y.Upper.StoreUnsafe(ref destination, 4);
    }
}
