using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace KernelGen;

/// <summary>
/// The exact tier's dot product on the CPU: the ten kept slice-pair products of two sliced vectors
/// (<see cref="ExactSlices"/>), summed in integers and combined into <c>N'</c> (<see cref="ExactArithmetic.Combine"/>).
/// Every path computes the same integers (integer sums have one value in any order), so every path gives the same
/// bits; the vector paths multiply int16 digits pairwise into int32 lanes (<c>vpdpwssd</c> where AVX-VNNI is
/// present, else <c>pmaddwd</c>) and widen each <see cref="ExactArithmetic.Int32Chunk"/> of k to int64.
/// </summary>
/// <remarks>
/// int32 bound: per k the group t + u = 3 adds two products of at most 64·128 and two of at most 128·128, under
/// 2^16; a chunk of 2^15 elements stays under 2^31 in every lane. The same source is written once per width
/// (Vector512, Vector256, Vector128) because .NET exposes <c>pmaddwd</c> per instruction set. .NET 10 exposes
/// <c>vpdpwssd</c> for 128- and 256-bit vectors only (<see cref="AvxVnni"/>), so the Vector512 path keeps <c>pmaddwd</c>
/// even where the CPU has AVX-512 VNNI.
/// </remarks>
internal static class ExactDot
{
    /// <summary>N' for one input row's planes and one weight row's planes (each <c>4 × planeLength</c>).</summary>
    public static long Combined(SimdPath path, ReadOnlySpan<short> x, ReadOnlySpan<short> w, int planeLength) => path switch
    {
        SimdPath.Vector512 when Avx512BW.IsSupported => Vector512Path(x, w, planeLength),
        SimdPath.Vector512 or SimdPath.Vector256 when Avx2.IsSupported => Vector256Path(x, w, planeLength),
        SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 when Vector128.IsHardwareAccelerated => Vector128Path(x, w, planeLength),
        _ => ScalarPath(x, w, planeLength),
    };

    /// <summary>One element at a time in int64: the definition written out.</summary>
    public static long ScalarPath(ReadOnlySpan<short> x, ReadOnlySpan<short> w, int planeLength)
    {
        ReadOnlySpan<short> x0 = x.Slice(0, planeLength), x1 = x.Slice(planeLength, planeLength), x2 = x.Slice(2 * planeLength, planeLength), x3 = x.Slice(3 * planeLength, planeLength);
        ReadOnlySpan<short> w0 = w.Slice(0, planeLength), w1 = w.Slice(planeLength, planeLength), w2 = w.Slice(2 * planeLength, planeLength), w3 = w.Slice(3 * planeLength, planeLength);
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < planeLength; k++)
        {
            int a0 = x0[k], a1 = x1[k], a2 = x2[k], a3 = x3[k];
            int b0 = w0[k], b1 = w1[k], b2 = w2[k], b3 = w3[k];
            s0 += a0 * b0;
            s1 += (a0 * b1) + (a1 * b0);
            s2 += (a0 * b2) + (a1 * b1) + (a2 * b0);
            s3 += (a0 * b3) + (a1 * b2) + (a2 * b1) + (a3 * b0);
        }

        return ExactArithmetic.Combine(s0, s1, s2, s3);
    }

    private static long Vector512Path(ReadOnlySpan<short> x, ReadOnlySpan<short> w, int planeLength)
    {
        ref short xr = ref MemoryMarshal.GetReference(x);
        ref short wr = ref MemoryMarshal.GetReference(w);
        nuint p1 = (nuint)planeLength, p2 = 2 * p1, p3 = 3 * p1;
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int chunk = 0; chunk < planeLength; chunk += ExactArithmetic.Int32Chunk)
        {
            int end = Math.Min(planeLength, chunk + ExactArithmetic.Int32Chunk);
            Vector512<int> c0 = default, c1 = default, c2 = default, c3 = default;
            for (nuint k = (nuint)chunk; k < (nuint)end; k += (nuint)Vector512<short>.Count)
            {
                Vector512<short> a0 = Vector512.LoadUnsafe(ref xr, k), a1 = Vector512.LoadUnsafe(ref xr, k + p1);
                Vector512<short> a2 = Vector512.LoadUnsafe(ref xr, k + p2), a3 = Vector512.LoadUnsafe(ref xr, k + p3);
                Vector512<short> b0 = Vector512.LoadUnsafe(ref wr, k), b1 = Vector512.LoadUnsafe(ref wr, k + p1);
                Vector512<short> b2 = Vector512.LoadUnsafe(ref wr, k + p2), b3 = Vector512.LoadUnsafe(ref wr, k + p3);
                c0 += Avx512BW.MultiplyAddAdjacent(a0, b0);
                c1 += Avx512BW.MultiplyAddAdjacent(a0, b1) + Avx512BW.MultiplyAddAdjacent(a1, b0);
                c2 += Avx512BW.MultiplyAddAdjacent(a0, b2) + Avx512BW.MultiplyAddAdjacent(a1, b1) + Avx512BW.MultiplyAddAdjacent(a2, b0);
                c3 += Avx512BW.MultiplyAddAdjacent(a0, b3) + Avx512BW.MultiplyAddAdjacent(a1, b2)
                    + Avx512BW.MultiplyAddAdjacent(a2, b1) + Avx512BW.MultiplyAddAdjacent(a3, b0);
            }

            s0 += WideSum(c0.GetLower()) + WideSum(c0.GetUpper());
            s1 += WideSum(c1.GetLower()) + WideSum(c1.GetUpper());
            s2 += WideSum(c2.GetLower()) + WideSum(c2.GetUpper());
            s3 += WideSum(c3.GetLower()) + WideSum(c3.GetUpper());
        }

        return ExactArithmetic.Combine(s0, s1, s2, s3);
    }

    private static long Vector256Path(ReadOnlySpan<short> x, ReadOnlySpan<short> w, int planeLength)
    {
        ref short xr = ref MemoryMarshal.GetReference(x);
        ref short wr = ref MemoryMarshal.GetReference(w);
        nuint p1 = (nuint)planeLength, p2 = 2 * p1, p3 = 3 * p1;
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int chunk = 0; chunk < planeLength; chunk += ExactArithmetic.Int32Chunk)
        {
            int end = Math.Min(planeLength, chunk + ExactArithmetic.Int32Chunk);

            // One accumulator per slice pair: with AVX-VNNI each product is one vpdpwssd into its own chain.
            Vector256<int> c00 = default, c01 = default, c10 = default, c02 = default, c11 = default;
            Vector256<int> c20 = default, c03 = default, c12 = default, c21 = default, c30 = default;
            for (nuint k = (nuint)chunk; k < (nuint)end; k += (nuint)Vector256<short>.Count)
            {
                Vector256<short> a0 = Vector256.LoadUnsafe(ref xr, k), a1 = Vector256.LoadUnsafe(ref xr, k + p1);
                Vector256<short> a2 = Vector256.LoadUnsafe(ref xr, k + p2), a3 = Vector256.LoadUnsafe(ref xr, k + p3);
                Vector256<short> b0 = Vector256.LoadUnsafe(ref wr, k), b1 = Vector256.LoadUnsafe(ref wr, k + p1);
                Vector256<short> b2 = Vector256.LoadUnsafe(ref wr, k + p2), b3 = Vector256.LoadUnsafe(ref wr, k + p3);
                c00 = MultiplyAdd(c00, a0, b0);
                c01 = MultiplyAdd(c01, a0, b1);
                c10 = MultiplyAdd(c10, a1, b0);
                c02 = MultiplyAdd(c02, a0, b2);
                c11 = MultiplyAdd(c11, a1, b1);
                c20 = MultiplyAdd(c20, a2, b0);
                c03 = MultiplyAdd(c03, a0, b3);
                c12 = MultiplyAdd(c12, a1, b2);
                c21 = MultiplyAdd(c21, a2, b1);
                c30 = MultiplyAdd(c30, a3, b0);
            }

            // Each lane of a group's sum is what the single accumulator of the pmaddwd form held: under 2^31.
            s0 += WideSum(c00);
            s1 += WideSum(c01 + c10);
            s2 += WideSum(c02 + c11 + c20);
            s3 += WideSum(c03 + c12 + c21 + c30);
        }

        return ExactArithmetic.Combine(s0, s1, s2, s3);
    }

    private static long Vector128Path(ReadOnlySpan<short> x, ReadOnlySpan<short> w, int planeLength)
    {
        ref short xr = ref MemoryMarshal.GetReference(x);
        ref short wr = ref MemoryMarshal.GetReference(w);
        nuint p1 = (nuint)planeLength, p2 = 2 * p1, p3 = 3 * p1;
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int chunk = 0; chunk < planeLength; chunk += ExactArithmetic.Int32Chunk)
        {
            int end = Math.Min(planeLength, chunk + ExactArithmetic.Int32Chunk);
            Vector128<int> c00 = default, c01 = default, c10 = default, c02 = default, c11 = default;
            Vector128<int> c20 = default, c03 = default, c12 = default, c21 = default, c30 = default;
            for (nuint k = (nuint)chunk; k < (nuint)end; k += (nuint)Vector128<short>.Count)
            {
                Vector128<short> a0 = Vector128.LoadUnsafe(ref xr, k), a1 = Vector128.LoadUnsafe(ref xr, k + p1);
                Vector128<short> a2 = Vector128.LoadUnsafe(ref xr, k + p2), a3 = Vector128.LoadUnsafe(ref xr, k + p3);
                Vector128<short> b0 = Vector128.LoadUnsafe(ref wr, k), b1 = Vector128.LoadUnsafe(ref wr, k + p1);
                Vector128<short> b2 = Vector128.LoadUnsafe(ref wr, k + p2), b3 = Vector128.LoadUnsafe(ref wr, k + p3);
                c00 = MultiplyAdd(c00, a0, b0);
                c01 = MultiplyAdd(c01, a0, b1);
                c10 = MultiplyAdd(c10, a1, b0);
                c02 = MultiplyAdd(c02, a0, b2);
                c11 = MultiplyAdd(c11, a1, b1);
                c20 = MultiplyAdd(c20, a2, b0);
                c03 = MultiplyAdd(c03, a0, b3);
                c12 = MultiplyAdd(c12, a1, b2);
                c21 = MultiplyAdd(c21, a2, b1);
                c30 = MultiplyAdd(c30, a3, b0);
            }

            s0 += WideSum(c00);
            s1 += WideSum(c01 + c10);
            s2 += WideSum(c02 + c11 + c20);
            s3 += WideSum(c03 + c12 + c21 + c30);
        }

        return ExactArithmetic.Combine(s0, s1, s2, s3);
    }

    /// <summary>
    /// <paramref name="sums"/> plus the pairwise products of <paramref name="a"/> and <paramref name="b"/>, summed into
    /// int32 lanes: one <c>vpdpwssd</c> with AVX-VNNI, else <c>pmaddwd</c> and an add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MultiplyAdd(Vector256<int> sums, Vector256<short> a, Vector256<short> b) =>
        AvxVnni.IsSupported ? AvxVnni.MultiplyWideningAndAdd(sums, a, b) : sums + Avx2.MultiplyAddAdjacent(a, b);

    /// <summary>
    /// <paramref name="sums"/> plus the pairwise products of <paramref name="a"/> and <paramref name="b"/>, summed into
    /// int32 lanes: <c>vpdpwssd</c> with AVX-VNNI, <c>pmaddwd</c> on other x86, widening multiplies elsewhere (the
    /// lanes differ, their total does not).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> MultiplyAdd(Vector128<int> sums, Vector128<short> a, Vector128<short> b)
    {
        if (AvxVnni.IsSupported)
        {
            return AvxVnni.MultiplyWideningAndAdd(sums, a, b);
        }

        if (Sse2.IsSupported)
        {
            return sums + Sse2.MultiplyAddAdjacent(a, b);
        }

        (Vector128<int> aLow, Vector128<int> aHigh) = Vector128.Widen(a);
        (Vector128<int> bLow, Vector128<int> bHigh) = Vector128.Widen(b);
        return sums + (aLow * bLow) + (aHigh * bHigh);
    }

    private static long WideSum(Vector256<int> lanes) => WideSum(lanes.GetLower()) + WideSum(lanes.GetUpper());

    private static long WideSum(Vector128<int> lanes) =>
        (long)lanes.GetElement(0) + lanes.GetElement(1) + lanes.GetElement(2) + lanes.GetElement(3);
}
