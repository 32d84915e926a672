using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// <see cref="PhiloxRandom"/>: word i of stream (seed, stream) is word i % 4 of the Philox block at
/// counter i / 4, whatever was drawn before and however it was drawn.
/// </summary>
public sealed class PhiloxRandomTests
{
    private const ulong Seed = 42;

    /// <summary>The first words for seed 42, stream 0, from an independent Philox4x32-10 implementation.</summary>
    private static readonly uint[] s_goldenSeed42 =
        [0x9CEAF053, 0x77F5493B, 0x12BF50AD, 0x5742B3D7, 0xFCDB2127, 0x53BA6CFD, 0x838F5A6E, 0x744E06FB];

    [Fact]
    public void NextUInt32_ReproducesTheGoldenWordsForSeed42()
    {
        var random = new PhiloxRandom(Seed);

        uint[] words = Draw(random, s_goldenSeed42.Length);

        Assert.Equal(s_goldenSeed42, words);
    }

    [Fact]
    public void NextSingle_ReproducesTheGoldenValuesForSeed42()
    {
        var random = new PhiloxRandom(Seed);

        float[] values = [random.NextSingle(), random.NextSingle(), random.NextSingle()];

        // (word >> 8) · 2^-24 for the golden words: exact floats.
        Assert.Equal([0.6129598617553711f, 0.4685865044593811f, 0.07323169708251953f], values);
    }

    [Fact]
    public void Constructor_KeepsSeedAndStream_AndStartsAtPositionZero()
    {
        var random = new PhiloxRandom(seed: 7, stream: 9);

        Assert.Equal(7ul, random.Seed);
        Assert.Equal(9ul, random.Stream);
        Assert.Equal(0ul, random.Position);
    }

    [Fact]
    public void SameSeedAndStream_GiveTheSameSequence()
    {
        Assert.Equal(Draw(new PhiloxRandom(Seed, stream: 3), 1000), Draw(new PhiloxRandom(Seed, stream: 3), 1000));
    }

    [Fact]
    public void DifferentStreamsOrSeeds_GiveDifferentSequences()
    {
        uint[] reference = Draw(new PhiloxRandom(Seed, stream: 0), 64);

        Assert.NotEqual(reference, Draw(new PhiloxRandom(Seed, stream: 1), 64));
        Assert.NotEqual(reference, Draw(new PhiloxRandom(Seed + 1, stream: 0), 64));
        Assert.NotEqual(reference, Draw(new PhiloxRandom(Seed | (1ul << 32), stream: 0), 64)); // the high key word counts
        Assert.NotEqual(reference, Draw(new PhiloxRandom(Seed, stream: 1ul << 32), 64)); // and so does the high stream word
    }

    [Fact]
    public void Word_I_IsWordIMod4OfTheBlockAtCounterIDiv4()
    {
        const ulong stream = 0x1234_5678_9ABC;
        uint[] words = Draw(new PhiloxRandom(Seed, stream), 40);

        for (int i = 0; i < words.Length; i++)
        {
            Assert.Equal(Philox4x32.Compute(Seed, stream, (ulong)i / 4)[i % 4], words[i]);
        }
    }

    [Theory]
    [InlineData(37ul)]
    [InlineData(40ul)]
    [InlineData(0ul)]
    public void Position_JumpsAnywhereInTheSequence(ulong position)
    {
        uint[] sequence = Draw(new PhiloxRandom(Seed), 100);
        var random = new PhiloxRandom(Seed);
        _ = Draw(random, 63); // leave the generator mid-block, past the target

        random.Position = position;

        Assert.Equal(sequence.Skip((int)position).Take(20), Draw(random, 20));
        Assert.Equal(position + 20, random.Position);
    }

    [Fact]
    public void Position_ReachesFarCounters()
    {
        var random = new PhiloxRandom(Seed) { Position = (1ul << 40) + 6 };

        // Word 2 of the block at counter 2^38 + 1.
        Assert.Equal(Philox4x32.Compute(Seed, 0, (1ul << 38) + 1)[2], random.NextUInt32());
    }

    [Fact]
    public void Position_CountsTheWordsEachMethodDraws()
    {
        var random = new PhiloxRandom(Seed);

        random.NextSingle();
        Assert.Equal(1ul, random.Position);
        random.NextDouble();
        Assert.Equal(3ul, random.Position);
        random.NextBytes(new byte[5]);
        Assert.Equal(8ul, random.Position);
    }

    [Fact]
    public void NextSingle_IsInZeroToOne()
    {
        var random = new PhiloxRandom(Seed);

        for (int i = 0; i < 10_000; i++)
        {
            float value = random.NextSingle();
            Assert.InRange(value, 0f, 1f);
            Assert.NotEqual(1f, value);
        }
    }

    [Fact]
    public void NextDouble_IsInZeroToOne_OnA2ToThe53Grid()
    {
        var random = new PhiloxRandom(Seed);

        for (int i = 0; i < 10_000; i++)
        {
            double value = random.NextDouble();
            Assert.InRange(value, 0.0, 1.0);
            Assert.NotEqual(1.0, value);
            Assert.Equal(value, Math.ScaleB(Math.Round(Math.ScaleB(value, 53)), -53));
        }
    }

    [Fact]
    public void NextSingle_WithBounds_IsLowPlusWidthTimesUnit()
    {
        var random = new PhiloxRandom(Seed);
        var reference = new PhiloxRandom(Seed);

        for (int i = 0; i < 1000; i++)
        {
            float value = random.NextSingle(-0.25f, 0.75f);
            Assert.Equal(-0.25f + (1f * reference.NextSingle()), value);
            Assert.InRange(value, -0.25f, 0.75f);
        }
    }

    [Fact]
    public void Fill_DrawsInOrder()
    {
        var filled = new float[37];
        new PhiloxRandom(Seed).Fill(filled, -2f, 2f);

        var random = new PhiloxRandom(Seed);
        float[] drawn = Enumerable.Range(0, filled.Length).Select(_ => random.NextSingle(-2f, 2f)).ToArray();

        Assert.Equal(drawn, filled);
    }

    [Fact]
    public void FillNormal_HasTheRequestedMeanAndDeviation()
    {
        var values = new float[200_001]; // odd: the last pair is cut in half
        new PhiloxRandom(Seed).FillNormal(values, 3f, 0.5f);
        double mean = values.Average(v => (double)v);
        double deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 2.995, 3.005);
        Assert.InRange(deviation, 0.497, 0.503);
        Assert.InRange(values.Count(v => Math.Abs(v - 3f) > 1f) / (double)values.Length, 0.044, 0.047); // P(|z| > 2) = 4.55 %
    }

    [Fact]
    public void FillNormal_FollowsThePolarMethodInFloat()
    {
        var filled = new float[8];
        new PhiloxRandom(Seed, stream: 4).FillNormal(filled, 0f, 1f);

        var random = new PhiloxRandom(Seed, stream: 4);
        var expected = new List<float>();
        while (expected.Count < filled.Length)
        {
            float u = (2f * random.NextSingle()) - 1f, v = (2f * random.NextSingle()) - 1f;
            float s = (u * u) + (v * v);
            if (s >= 1f || s == 0f)
            {
                continue;
            }

            float factor = MathF.Sqrt(-2f * DetMath.Log(s) / s);
            expected.Add(u * factor);
            expected.Add(v * factor);
        }

        Assert.Equal(expected, filled);
    }

    [Fact]
    public void NextBytes_TakesTheLowByteOfEachWord()
    {
        var bytes = new byte[6];
        new PhiloxRandom(Seed).NextBytes(bytes);

        Assert.Equal(s_goldenSeed42.Take(6).Select(word => (byte)word), bytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 30)]
    [InlineData(int.MaxValue)]
    public void Next_WithMax_IsInZeroToMax(int maxValue)
    {
        var random = new PhiloxRandom(Seed);

        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(random.Next(maxValue), 0, maxValue - 1);
        }
    }

    [Fact]
    public void Next_WithMaxZero_ReturnsZero_WithoutDrawing()
    {
        var random = new PhiloxRandom(Seed);

        Assert.Equal(0, random.Next(0));
        Assert.Equal(0ul, random.Position);
    }

    [Fact]
    public void Next_WithMax_ReachesEveryValueEvenly()
    {
        var random = new PhiloxRandom(Seed);
        var counts = new int[6];

        for (int i = 0; i < 60_000; i++)
        {
            counts[random.Next(6)]++;
        }

        // 10,000 expected per face; the standard deviation is about 91.
        Assert.All(counts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void Next_IsNonNegativeAndBelowIntMaxValue()
    {
        var random = new PhiloxRandom(Seed);

        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(random.Next(), 0, int.MaxValue - 1);
        }
    }

    [Theory]
    [InlineData(-3, 3)]
    [InlineData(int.MinValue, int.MaxValue)]
    [InlineData(int.MaxValue - 1, int.MaxValue)]
    public void Next_WithRange_IsInMinToMax(int minValue, int maxValue)
    {
        var random = new PhiloxRandom(Seed);
        int[] values = Enumerable.Range(0, 2000).Select(_ => random.Next(minValue, maxValue)).ToArray();

        Assert.All(values, value => Assert.InRange(value, minValue, maxValue - 1));
        if ((long)maxValue - minValue <= 16)
        {
            Assert.Equal(Enumerable.Range(minValue, maxValue - minValue), values.Distinct().Order());
        }
        else
        {
            Assert.Contains(values, value => value < 0);
            Assert.Contains(values, value => value >= 0);
        }
    }

    [Fact]
    public void Next_WithEmptyRange_ReturnsMin()
    {
        Assert.Equal(-5, new PhiloxRandom(Seed).Next(-5, -5));
    }

    [Fact]
    public void NextInt64_IsNonNegativeAndBelowLongMaxValue()
    {
        var random = new PhiloxRandom(Seed);

        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(random.NextInt64(), 0, long.MaxValue - 1);
        }
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(3L)]
    [InlineData((1L << 40) + 1)]
    [InlineData(long.MaxValue)]
    public void NextInt64_WithMax_IsInZeroToMax(long maxValue)
    {
        var random = new PhiloxRandom(Seed);

        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(random.NextInt64(maxValue), 0, maxValue - 1);
        }
    }

    [Theory]
    [InlineData(-3L, 3L)]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(long.MinValue, long.MinValue + 1)]
    public void NextInt64_WithRange_IsInMinToMax(long minValue, long maxValue)
    {
        var random = new PhiloxRandom(Seed);
        long[] values = Enumerable.Range(0, 2000).Select(_ => random.NextInt64(minValue, maxValue)).ToArray();

        Assert.All(values, value => Assert.InRange(value, minValue, maxValue - 1));
        if ((ulong)maxValue - (ulong)minValue <= 16)
        {
            Assert.Equal(
                Enumerable.Range(0, (int)(maxValue - minValue)).Select(offset => minValue + offset),
                values.Distinct().Order());
        }
        else
        {
            Assert.Contains(values, value => value < 0);
            Assert.Contains(values, value => value >= 0);
        }
    }

    [Fact]
    public void NegativeMaxOrInvertedRange_Throws()
    {
        var random = new PhiloxRandom(Seed);

        AssertOutOfRange("maxValue", -1, () => random.Next(-1));
        AssertOutOfRange("minValue", 2, () => random.Next(2, 1));
        AssertOutOfRange("maxValue", -1L, () => random.NextInt64(-1));
        AssertOutOfRange("minValue", 2L, () => random.NextInt64(2, 1));
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => random.NextBytes(null!)).ParamName);
        Assert.Equal(0ul, random.Position); // nothing was drawn
    }

    private static void AssertOutOfRange(string paramName, object actualValue, Action call)
    {
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(paramName, exception.ParamName);
        Assert.Equal(actualValue, exception.ActualValue);
    }

    private static uint[] Draw(PhiloxRandom random, int count)
    {
        var words = new uint[count];
        for (int i = 0; i < count; i++)
        {
            words[i] = random.NextUInt32();
        }

        return words;
    }
}
