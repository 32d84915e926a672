using System;

namespace KernelGen;

/// <summary>
/// A seeded <see cref="System.Random"/> backed by <see cref="Philox4x32"/>: a drop-in replacement
/// for <c>new Random()</c> whose sequence depends only on (seed, stream), never on the runtime
/// version, the platform or the time of day.
/// </summary>
/// <remarks>
/// Number <c>i</c> of the sequence is word <c>i % 4</c> of the block at counter <c>i / 4</c>, so a
/// stream can be reproduced from any position with <see cref="Position"/>. Instances are not
/// thread-safe; give each thread its own stream instead of sharing one.
/// </remarks>
public sealed class PhiloxRandom : Random
{
    private PhiloxBlock _block;
    private ulong _blockIndex = ulong.MaxValue;

    /// <summary>Creates a generator for <paramref name="seed"/> and <paramref name="stream"/>.</summary>
    /// <param name="seed">The key of the generator.</param>
    /// <param name="stream">Independent sequences for the same seed (for example one per layer or per thread).</param>
    public PhiloxRandom(ulong seed, ulong stream = 0)
    {
        Seed = seed;
        Stream = stream;
    }

    /// <summary>The seed this generator was created with.</summary>
    public ulong Seed { get; }

    /// <summary>The stream this generator was created with.</summary>
    public ulong Stream { get; }

    /// <summary>The index of the next 32-bit word to be drawn; settable to jump anywhere in the sequence.</summary>
    public ulong Position { get; set; }

    /// <summary>Draws the next 32 random bits.</summary>
    public uint NextUInt32()
    {
        ulong blockIndex = Position >> 2;
        if (blockIndex != _blockIndex)
        {
            _block = Philox4x32.Compute(Seed, Stream, blockIndex);
            _blockIndex = blockIndex;
        }

        uint word = _block[(int)(Position & 3)];
        Position++;
        return word;
    }

    /// <summary>Returns a float uniformly distributed in [0, 1) on a 2^-24 grid.</summary>
    public override float NextSingle() => Philox4x32.ToUnitSingle(NextUInt32());

    /// <summary>Returns a float uniformly distributed between <paramref name="low"/> and <paramref name="high"/>.</summary>
    /// <remarks>
    /// Computed as <c>low + (high − low) × u</c> with <c>u</c> in [0, 1) and separate roundings, the
    /// same on every machine. The last rounding can reach <paramref name="high"/> itself when the
    /// range is narrow or not symmetric about zero; for symmetric ranges (<c>−b</c> to <c>b</c>) the
    /// result is always below <paramref name="high"/>.
    /// </remarks>
    public float NextSingle(float low, float high)
    {
        float width = high - low;
        float scaled = width * NextSingle();
        return low + scaled;
    }

    /// <summary>Fills <paramref name="destination"/> with <see cref="NextSingle(float, float)"/> draws, in order.</summary>
    public void Fill(Span<float> destination, float low, float high)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextSingle(low, high);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with normal draws of mean <paramref name="mean"/> and
    /// standard deviation <paramref name="standardDeviation"/>, the same on every machine.
    /// </summary>
    /// <remarks>
    /// Marsaglia's polar method in float arithmetic with separate roundings: u, v = 2·NextSingle() − 1
    /// until 0 &lt; s = u² + v² &lt; 1, then the pair u·f, v·f with f = √(−2·ln s / s), using
    /// <see cref="DetMath.Log(float)"/> (correctly rounded) and the IEEE square root; each draw is then
    /// <c>mean + standardDeviation × z</c>. Values are written in pairs, in order.
    /// </remarks>
    public void FillNormal(Span<float> destination, float mean, float standardDeviation)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            float u, v, s;
            do
            {
                u = (2f * NextSingle()) - 1f;
                v = (2f * NextSingle()) - 1f;
                float uu = u * u;
                float vv = v * v;
                s = uu + vv;
            }
            while (s >= 1f || s == 0f);

            float logS = DetMath.Log(s);
            float ratio = (-2f * logS) / s;
            float factor = MathF.Sqrt(ratio);
            destination[i] = mean + (standardDeviation * (u * factor));
            if (i + 1 < destination.Length)
            {
                destination[i + 1] = mean + (standardDeviation * (v * factor));
            }
        }
    }

    /// <inheritdoc/>
    public override double NextDouble()
    {
        ulong bits = ((ulong)NextUInt32() << 32) | NextUInt32();
        return (bits >> 11) * (1.0 / 9007199254740992.0);
    }

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <inheritdoc/>
    public override int Next() => (int)NextUInt32Below(int.MaxValue);

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextUInt32Below((uint)maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)NextUInt32Below((uint)((long)maxValue - minValue)));
    }

    /// <inheritdoc/>
    public override long NextInt64() => (long)NextUInt64Below(long.MaxValue);

    /// <inheritdoc/>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextUInt64Below((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (long)((ulong)minValue + NextUInt64Below((ulong)maxValue - (ulong)minValue));
    }

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)NextUInt32();
        }
    }

    // Lemire's multiply-and-reject: unbiased, and the number of words drawn depends only on the sequence.
    private uint NextUInt32Below(uint bound)
    {
        if (bound == 0)
        {
            return 0;
        }

        ulong product = (ulong)NextUInt32() * bound;
        uint low = (uint)product;
        if (low < bound)
        {
            uint threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * bound;
                low = (uint)product;
            }
        }

        return (uint)(product >> 32);
    }

    private ulong NextUInt64Below(ulong bound)
    {
        if (bound == 0)
        {
            return 0;
        }

        ulong threshold = (0ul - bound) % bound;
        while (true)
        {
            ulong value = ((ulong)NextUInt32() << 32) | NextUInt32();
            UInt128 product = (UInt128)value * bound;
            if ((ulong)product >= threshold)
            {
                return (ulong)(product >> 64);
            }
        }
    }
}
