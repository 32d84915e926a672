using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>
/// The operations of the CPU attention kernel for one vector width, so that every tile and pass is written
/// once (<see cref="AttentionCpuKernel"/>) and the JIT specializes it per width. Each operation is one IEEE
/// operation per lane, rounded once, so a lane computes exactly what the scalar kernel computes for its element.
/// </summary>
/// <typeparam name="TVector">The vector type; <see cref="float"/> itself for the scalar path.</typeparam>
internal interface IAttentionVector<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Lanes { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref float source);

    static abstract void Store(TVector value, ref float destination);

    static abstract TVector Broadcast(float value);

    /// <summary>a·b + c rounded once (a hardware FMA: <see cref="SimdPaths.IsSupported"/> admits no vector path without one).</summary>
    static abstract TVector Fma(TVector a, TVector b, TVector c);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>
    /// Replaces the <c>2 · Lanes</c> floats at <paramref name="values"/> by <see cref="DetMath.Exp(float)"/> of each minus
    /// <paramref name="shift"/>: two vectors at once, so that the exponentials' dependency chains interleave.
    /// </summary>
    static abstract void ExpOfShiftedPair(ref float values, TVector shift);

    /// <summary>The canonical 32-lane maximum of <paramref name="values"/>: the bits of <see cref="CanonicalReduction.Max(ReadOnlySpan{float})"/>.</summary>
    static abstract float CanonicalMax(ReadOnlySpan<float> values);

    /// <summary>The canonical 32-lane sum of <paramref name="values"/>: the bits of <see cref="CanonicalReduction.Sum(ReadOnlySpan{float})"/>.</summary>
    static abstract float CanonicalSum(ReadOnlySpan<float> values);
}

/// <summary>16 lanes (AVX-512).</summary>
internal readonly struct AttentionVector512 : IAttentionVector<Vector512<float>>
{
    public static int Lanes => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => Vector512.StoreUnsafe(value, ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpOfShiftedPair(ref float values, Vector512<float> shift)
    {
        VectorPair<Vector512<float>> y = DetMath.Exp(new VectorPair<Vector512<float>>(
            Vector512.LoadUnsafe(ref values) - shift, Vector512.LoadUnsafe(ref values, 16) - shift));
        y.Lower.StoreUnsafe(ref values);
        y.Upper.StoreUnsafe(ref values, 16);
    }

    public static float CanonicalMax(ReadOnlySpan<float> values) => LaneReduction.Max<LaneBlock512>(values);

    public static float CanonicalSum(ReadOnlySpan<float> values) => LaneReduction.Sum<LaneBlock512>(values);
}

/// <summary>8 lanes (AVX2 with FMA3).</summary>
internal readonly struct AttentionVector256 : IAttentionVector<Vector256<float>>
{
    public static int Lanes => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => Vector256.StoreUnsafe(value, ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpOfShiftedPair(ref float values, Vector256<float> shift)
    {
        VectorPair<Vector256<float>> y = DetMath.Exp(new VectorPair<Vector256<float>>(
            Vector256.LoadUnsafe(ref values) - shift, Vector256.LoadUnsafe(ref values, 8) - shift));
        y.Lower.StoreUnsafe(ref values);
        y.Upper.StoreUnsafe(ref values, 8);
    }

    public static float CanonicalMax(ReadOnlySpan<float> values) => LaneReduction.Max<LaneBlock256>(values);

    public static float CanonicalSum(ReadOnlySpan<float> values) => LaneReduction.Sum<LaneBlock256>(values);
}

/// <summary>4 lanes (SSE with FMA3, or Arm AdvSIMD).</summary>
internal readonly struct AttentionVector128 : IAttentionVector<Vector128<float>>
{
    public static int Lanes => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination) => Vector128.StoreUnsafe(value, ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpOfShiftedPair(ref float values, Vector128<float> shift)
    {
        VectorPair<Vector128<float>> y = DetMath.Exp(new VectorPair<Vector128<float>>(
            Vector128.LoadUnsafe(ref values) - shift, Vector128.LoadUnsafe(ref values, 4) - shift));
        y.Lower.StoreUnsafe(ref values);
        y.Upper.StoreUnsafe(ref values, 4);
    }

    public static float CanonicalMax(ReadOnlySpan<float> values) => LaneReduction.Max<LaneBlock128>(values);

    public static float CanonicalSum(ReadOnlySpan<float> values) => LaneReduction.Sum<LaneBlock128>(values);
}

/// <summary>One lane: plain floats, with <see cref="DetMath.Fma(float, float, float)"/> (hardware, else exact software).</summary>
internal readonly struct AttentionScalar : IAttentionVector<float>
{
    public static int Lanes => 1;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination) => destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fma(float a, float b, float c) => DetMath.Fma(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float a, float b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float a, float b) => a / b;

    public static void ExpOfShiftedPair(ref float values, float shift)
    {
        values = DetMath.Exp(values - shift);
        Unsafe.Add(ref values, 1) = DetMath.Exp(Unsafe.Add(ref values, 1) - shift);
    }

    public static float CanonicalMax(ReadOnlySpan<float> values) => CanonicalReduction.Max(values);

    public static float CanonicalSum(ReadOnlySpan<float> values) => CanonicalReduction.Sum(values);
}
