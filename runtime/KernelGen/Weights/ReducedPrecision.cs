using System;

namespace KernelGen;

/// <summary>
/// Conversions between float32 and the 16-bit storage types, written with integer operations so
/// that they give the same bits everywhere. Widening is exact, NaN payloads included (the bits
/// move, nothing is quieted); narrowing rounds to nearest, ties to even, overflows to infinity, keeps
/// subnormals, and keeps a NaN a NaN (its payload truncated; the quiet bit set if nothing is left).
/// Widening then narrowing gives back every one of the 65,536 bit patterns.
/// </summary>
public static class ReducedPrecision
{
    /// <summary>The float32 value of IEEE binary16 bits (exact).</summary>
    public static float HalfBitsToSingle(ushort bits)
    {
        uint sign = (uint)(bits & 0x8000) << 16;
        uint exponent = (uint)(bits >> 10) & 0x1F;
        uint mantissa = bits & 0x3FFu;
        if (exponent == 0x1F)
        {
            return BitConverter.UInt32BitsToSingle(sign | 0x7F80_0000u | (mantissa << 13)); // ±inf, NaN with its payload
        }

        if (exponent == 0)
        {
            // Zero or subnormal: mantissa × 2^-24, exact in float32 (a small integer times a power of two).
            float magnitude = mantissa * (1f / 16_777_216f);
            return BitConverter.UInt32BitsToSingle(sign | BitConverter.SingleToUInt32Bits(magnitude));
        }

        return BitConverter.UInt32BitsToSingle(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /// <summary>The IEEE binary16 bits nearest to <paramref name="value"/> (ties to even).</summary>
    public static ushort SingleToHalfBits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint sign = (bits >> 16) & 0x8000;
        uint magnitude = bits & 0x7FFF_FFFF;
        if (magnitude >= 0x7F80_0000)
        {
            if (magnitude == 0x7F80_0000)
            {
                return (ushort)(sign | 0x7C00);
            }

            uint payload = (magnitude >> 13) & 0x3FF;
            return (ushort)(sign | 0x7C00 | (payload == 0 ? 0x200u : payload));
        }

        if (magnitude >= 0x477F_F000)
        {
            return (ushort)(sign | 0x7C00); // ≥ 65520, the midpoint above the largest half (65504): infinity
        }

        if (magnitude < 0x3880_0000)
        {
            // Below 2^-14: a half subnormal, in units of 2^-24.
            uint exponent = magnitude >> 23;
            if (exponent < 102)
            {
                return (ushort)sign; // below 2^-25 (half the smallest subnormal): zero
            }

            uint significand = (magnitude & 0x7F_FFFF) | 0x80_0000;
            int shift = (int)(126 - exponent); // 14..24
            return (ushort)(sign | RoundShift(significand, shift));
        }

        // Normal: rebias the exponent (127 → 15) and drop 13 mantissa bits; a carry may reach the exponent.
        uint rebased = magnitude - 0x3800_0000;
        return (ushort)(sign | RoundShift(rebased, 13));
    }

    /// <summary>The float32 value of bfloat16 bits (exact).</summary>
    public static float BFloat16BitsToSingle(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    /// <summary>The bfloat16 bits nearest to <paramref name="value"/> (ties to even).</summary>
    public static ushort SingleToBFloat16Bits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000)
        {
            uint high = bits >> 16;
            return (ushort)((high & 0x7F) == 0 ? high | 0x40 : high); // NaN: keep the sign and what fits of the payload
        }

        return (ushort)RoundShift(bits, 16); // a carry into the exponent gives the next binade, or infinity
    }

    private static uint RoundShift(uint value, int shift)
    {
        uint quotient = value >> shift;
        uint remainder = value & ((1u << shift) - 1);
        uint half = 1u << (shift - 1);
        return remainder > half || (remainder == half && (quotient & 1) != 0) ? quotient + 1 : quotient;
    }
}
