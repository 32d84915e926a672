using System.Runtime.CompilerServices;

namespace KernelGen;

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon, Moraes, Dror and Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC 2011). A block of four 32-bit numbers is a pure function of a
/// 128-bit counter and a 64-bit key, so the numbers for a (seed, stream, counter) are the same on
/// every device and thread, in any order of evaluation.
/// </summary>
/// <remarks>Written with integer operations only, so it also runs inside ILGPU kernels.</remarks>
public static class Philox4x32
{
    private const uint Multiplier0 = 0xD2511F53;
    private const uint Multiplier1 = 0xCD9E8D57;
    private const uint Weyl0 = 0x9E3779B9;
    private const uint Weyl1 = 0xBB67AE85;

    /// <summary>The number of rounds of this variant.</summary>
    public const int Rounds = 10;

    /// <summary>Computes the block for <paramref name="counter"/> under <paramref name="key0"/>, <paramref name="key1"/>.</summary>
    /// <param name="counter">The 128-bit counter, as four 32-bit words (word 0 least significant).</param>
    /// <param name="key0">Low word of the key.</param>
    /// <param name="key1">High word of the key.</param>
    /// <returns>Four uniformly distributed 32-bit words.</returns>
    public static PhiloxBlock Compute(PhiloxBlock counter, uint key0, uint key1)
    {
        uint x0 = counter.X0, x1 = counter.X1, x2 = counter.X2, x3 = counter.X3;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                key0 += Weyl0;
                key1 += Weyl1;
            }

            MultiplyHighLow(Multiplier0, x0, out uint hi0, out uint lo0);
            MultiplyHighLow(Multiplier1, x2, out uint hi1, out uint lo1);
            uint y0 = hi1 ^ x1 ^ key0;
            uint y1 = lo1;
            uint y2 = hi0 ^ x3 ^ key1;
            uint y3 = lo0;
            x0 = y0;
            x1 = y1;
            x2 = y2;
            x3 = y3;
        }

        return new PhiloxBlock(x0, x1, x2, x3);
    }

    /// <summary>
    /// The block for a (seed, stream, index) triple: the key is the seed, the counter is
    /// (index low, index high, stream low, stream high).
    /// </summary>
    public static PhiloxBlock Compute(ulong seed, ulong stream, ulong index) =>
        Compute(
            new PhiloxBlock((uint)index, (uint)(index >> 32), (uint)stream, (uint)(stream >> 32)),
            (uint)seed,
            (uint)(seed >> 32));

    /// <summary>Maps 32 random bits to a float uniformly distributed in [0, 1), on a 2^-24 grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitSingle(uint bits) => (bits >> 8) * (1.0f / 16777216.0f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyHighLow(uint a, uint b, out uint high, out uint low)
    {
        ulong product = (ulong)a * b;
        high = (uint)(product >> 32);
        low = (uint)product;
    }
}

/// <summary>Four 32-bit words: a Philox counter or an output block.</summary>
/// <param name="X0">Word 0.</param>
/// <param name="X1">Word 1.</param>
/// <param name="X2">Word 2.</param>
/// <param name="X3">Word 3.</param>
public readonly record struct PhiloxBlock(uint X0, uint X1, uint X2, uint X3)
{
    /// <summary>Returns word <paramref name="index"/> (0 to 3).</summary>
    public uint this[int index] => (index & 3) switch
    {
        0 => X0,
        1 => X1,
        2 => X2,
        _ => X3,
    };
}
