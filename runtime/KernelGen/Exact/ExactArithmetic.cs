using System.Runtime.CompilerServices;
using ILGPU;

namespace KernelGen;

/// <summary>
/// The scalar steps of <c>KG-Exact-1</c> (docs/arithmetic.md, "Exact tier"): the scale exponent of a vector, the
/// quantization of an element, its four int8 slices, the exact combination of the slice products and the one
/// rounding to float32. Integer operations and bit casts only, so the same source runs on the CPU and in ILGPU
/// kernels (CPU accelerator and CUDA) with the same results.
/// </summary>
internal static class ExactArithmetic
{
    /// <summary>Slices per quantized value: S.</summary>
    public const int Slices = 4;

    /// <summary>A quantized value's magnitude is at most 2^<see cref="QuantizedBits"/> (8·S − 2).</summary>
    public const int QuantizedBits = (8 * Slices) - 2;

    /// <summary>The slice pairs kept (t + u ≤ S − 1): 10 of 16.</summary>
    public const int KeptPairs = 10;

    /// <summary>
    /// The combined sum is held divided by 2^24 (exactly: every kept pair weighs at least 2^24), so the output is
    /// <c>N' · 2^(E(x) + E(w) − ScaleOffset)</c> with <c>ScaleOffset = 2·30 − 24 = 36</c>.
    /// </summary>
    public const int ScaleOffset = (2 * QuantizedBits) - 24;

    /// <summary>The scale of a vector whose every element is zero: its products are exactly +0.</summary>
    public const int ZeroScale = -1024;

    /// <summary>The scale of an input row holding a NaN or an infinity: its outputs are NaN.</summary>
    public const int NonFiniteScale = 1024;

    /// <summary>Elements per k-chunk whose slice products are summed in int32 before widening: 2^15 (docs: int32 bound).</summary>
    public const int Int32Chunk = 1 << 15;

    /// <summary>The largest input row length the int64 combination is proven for: 2^20 (LinearAttribute's limit).</summary>
    public const int MaxLength = 1 << 20;

    private const uint MagnitudeMask = 0x7FFF_FFFF;
    private const uint InfinityBits = 0x7F80_0000;

    /// <summary>The magnitude bits of a float (sign cleared): ordered like the magnitudes, NaN and ∞ above every finite value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MagnitudeBits(float value) => Interop.FloatAsInt(value) & MagnitudeMask;

    /// <summary>
    /// The scale exponent E of a vector from the largest of its elements' <see cref="MagnitudeBits"/>: the smallest
    /// integer e with max |v| &lt; 2^e; <see cref="ZeroScale"/> for an all-zero vector and <see cref="NonFiniteScale"/>
    /// when an element is NaN or ±∞.
    /// </summary>
    public static int ScaleOf(uint maxMagnitudeBits)
    {
        if (maxMagnitudeBits == 0)
        {
            return ZeroScale;
        }

        if (maxMagnitudeBits >= InfinityBits)
        {
            return NonFiniteScale;
        }

        // |v| = M·2^s with M < 2^L (L = M's bit length, M ≥ 2^(L-1)): the smallest e with |v| < 2^e is L + s.
        // Normal: M = 1.m (24 bits), s = biased − 150, so E = biased − 126. Subnormal: M = m, s = −149.
        int biased = (int)(maxMagnitudeBits >> 23);
        return biased != 0 ? biased - 126 : BitLength(maxMagnitudeBits) - 149;
    }

    /// <summary>
    /// q = RNE(v · 2^(30 − scale)) for an element v of a vector whose scale is <paramref name="scale"/> (finite, not
    /// <see cref="ZeroScale"/>): exact, from the bits, with |q| ≤ 2^30.
    /// </summary>
    public static int Quantize(float value, int scale)
    {
        uint bits = Interop.FloatAsInt(value);
        uint magnitude = bits & MagnitudeMask;
        if (magnitude == 0)
        {
            return 0;
        }

        int biased = (int)(magnitude >> 23);
        uint significand = biased != 0 ? (magnitude & 0x7F_FFFF) | 0x80_0000 : magnitude;
        int exponent = biased != 0 ? biased - 150 : -149; // |v| = significand · 2^exponent
        int shift = exponent + QuantizedBits - scale;      // < 30 - bitlength(significand) + 1, since |v| < 2^scale
        int q;
        if (shift >= 0)
        {
            q = (int)(significand << shift); // < 2^30: exact
        }
        else
        {
            q = (int)ShiftRightEven(significand, -shift);
        }

        return (bits >> 31) != 0 ? -q : q;
    }

    /// <summary>
    /// Digit <paramref name="slice"/> (0 = most significant) of q's balanced base-256 expansion
    /// <c>q = Σ_t d_t · 2^(8·(3 − t))</c>, each <c>d_t</c> in [−128, 127]: the lowest digit is the sign-extended low
    /// byte, then (q − d) / 256 repeats. |q| ≤ 2^30 keeps the top digit in [−64, 64].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Digit(int q, int slice)
    {
        int rest = q;
        for (int t = Slices - 1; t > slice; t--)
        {
            int low = (rest << 24) >> 24; // sign-extended low byte
            rest = (rest - low) >> 8;     // exact: rest − low is a multiple of 256
        }

        return slice == 0 ? rest : (rest << 24) >> 24;
    }

    /// <summary>The sign-extended low byte of <paramref name="rest"/>: the next (lowest remaining) balanced digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LowDigit(int rest) => (rest << 24) >> 24;

    /// <summary>(rest − digit) / 256, exact: what remains above the digit just taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AboveDigit(int rest, int digit) => (rest - digit) >> 8;

    /// <summary>
    /// Combines the sums of the kept slice-pair products grouped by t + u (<paramref name="s0"/> = P00,
    /// <paramref name="s1"/> = P01 + P10, <paramref name="s2"/> = P02 + P11 + P20, <paramref name="s3"/> = P03 + P12 +
    /// P21 + P30) into <c>N' = N / 2^24 = s0·2^24 + s1·2^16 + s2·2^8 + s3</c>, exact in int64 for K ≤ 2^20
    /// (|N'| &lt; 2^57).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Combine(long s0, long s1, long s2, long s3) => (s0 << 24) + (s1 << 16) + (s2 << 8) + s3;

    /// <summary>
    /// The output before the bias: <c>RNE_float32(N' · 2^(scaleX + scaleW − 36))</c> correctly rounded (subnormal
    /// results and overflow to ±∞ included); +0 when either vector is all zero or N' = 0; NaN when the input row
    /// holds a NaN or ±∞.
    /// </summary>
    public static float Output(long combined, int scaleX, int scaleW)
    {
        if (scaleX == NonFiniteScale)
        {
            return DetMath.CanonicalNaN;
        }

        if (scaleX == ZeroScale || scaleW == ZeroScale)
        {
            return 0f;
        }

        return RoundScaled(combined, scaleX + scaleW - ScaleOffset);
    }

    /// <summary>
    /// <c>n · 2^exponent</c> rounded to the nearest float32, ties to even, from a leading-zero count, a shift and the
    /// guard and sticky bits: correctly rounded for every |n| &lt; 2^63 and every exponent, subnormals and overflow
    /// to ±∞ included. +0 for n = 0.
    /// </summary>
    public static float RoundScaled(long n, int exponent)
    {
        if (n == 0)
        {
            return 0f;
        }

        uint sign = n < 0 ? 0x8000_0000u : 0u;
        ulong magnitude = n < 0 ? (ulong)(-n) : (ulong)n;
        int length = BitLength(magnitude);
        int top = length - 1 + exponent; // floor(log2 |value|)
        uint bits;
        if (top >= -126)
        {
            ulong significand = length > 24 ? ShiftRightEven(magnitude, length - 24) : magnitude << (24 - length);
            if (significand == 1UL << 24)
            {
                significand >>= 1; // rounded up to the next power of two
                top++;
            }

            bits = top > 127 ? InfinityBits : ((uint)(top + 127) << 23) | ((uint)significand & 0x7F_FFFF);
        }
        else
        {
            // Subnormal: the result is k·2^-149 with k = RNE(|value| / 2^-149) ≤ 2^23, and k's bits are the float's
            // (k = 2^23 is the smallest normal, whose bits are exactly 2^23).
            int shift = -(exponent + 149);
            ulong k = shift <= 0 ? magnitude << -shift : ShiftRightEven(magnitude, shift);
            bits = (uint)k;
        }

        return Interop.IntAsFloat(bits | sign);
    }

    /// <summary><c>RNE(m / 2^shift)</c> for shift ≥ 1 and m &lt; 2^63: the guard bit, the sticky bits and the last kept bit.</summary>
    public static ulong ShiftRightEven(ulong m, int shift)
    {
        if (shift >= 64)
        {
            return 0; // m < 2^63 ≤ half of 2^64: below half a unit
        }

        ulong kept = m >> shift;
        ulong rest = m & ((1UL << shift) - 1);
        ulong half = 1UL << (shift - 1);
        if (rest > half || (rest == half && (kept & 1) != 0))
        {
            kept++;
        }

        return kept;
    }

    /// <summary>The bit length of <paramref name="x"/> (0 for 0), by binary search: no intrinsic, so the same on every device.</summary>
    public static int BitLength(ulong x)
    {
        int n = 0;
        if ((x >> 32) != 0)
        {
            n += 32;
            x >>= 32;
        }

        if ((x >> 16) != 0)
        {
            n += 16;
            x >>= 16;
        }

        if ((x >> 8) != 0)
        {
            n += 8;
            x >>= 8;
        }

        if ((x >> 4) != 0)
        {
            n += 4;
            x >>= 4;
        }

        if ((x >> 2) != 0)
        {
            n += 2;
            x >>= 2;
        }

        if ((x >> 1) != 0)
        {
            n += 1;
            x >>= 1;
        }

        return n + (int)x;
    }
}
