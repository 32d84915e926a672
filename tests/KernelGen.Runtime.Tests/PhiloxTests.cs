using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// <see cref="Philox4x32"/> must be Philox4x32-10 exactly, so that a (seed, stream, counter) gives
/// the same numbers as every other implementation (Random123, cuRAND, JAX, PyTorch's CUDA generator).
/// </summary>
public sealed class PhiloxTests
{
    /// <summary>The philox4x32 10-round known answers of Random123's <c>kat_vectors</c>.</summary>
    public static TheoryData<uint[], uint[], uint[]> KnownAnswers { get; } = new()
    {
        { [0x00000000, 0x00000000, 0x00000000, 0x00000000], [0x00000000, 0x00000000], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
        { [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
        { [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
    };

    [Fact]
    public void Rounds_IsTen()
    {
        Assert.Equal(10, Philox4x32.Rounds);
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Compute_ReproducesRandom123KnownAnswers(uint[] counter, uint[] key, uint[] expected)
    {
        PhiloxBlock block = Philox4x32.Compute(new PhiloxBlock(counter[0], counter[1], counter[2], counter[3]), key[0], key[1]);

        Assert.Equal(new PhiloxBlock(expected[0], expected[1], expected[2], expected[3]), block);
    }

    [Fact]
    public void Compute_FromSeedStreamAndIndex_UsesTheSeedAsKeyAndIndexThenStreamAsCounter()
    {
        // The third known answer, spelled as a (seed, stream, index) triple.
        PhiloxBlock block = Philox4x32.Compute(seed: 0x299f31d0_a4093822, stream: 0x03707344_13198a2e, index: 0x85a308d3_243f6a88);

        Assert.Equal(new PhiloxBlock(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1), block);
    }

    [Fact]
    public void Compute_IsAPureFunctionOfCounterAndKey()
    {
        var counter = new PhiloxBlock(1, 2, 3, 4);

        PhiloxBlock first = Philox4x32.Compute(counter, 5, 6);
        PhiloxBlock second = Philox4x32.Compute(counter, 5, 6);

        Assert.Equal(first, second);
        Assert.NotEqual(first, Philox4x32.Compute(counter with { X3 = 5 }, 5, 6));
        Assert.NotEqual(first, Philox4x32.Compute(counter, 5, 7));
    }

    [Fact]
    public void BlockIndexer_ReturnsTheWordsInOrder()
    {
        var block = new PhiloxBlock(10, 11, 12, 13);

        Assert.Equal(new uint[] { 10, 11, 12, 13 }, new[] { block[0], block[1], block[2], block[3] });
    }

    [Theory]
    [InlineData(0x0000_0000u, 0f)]
    [InlineData(0x0000_00FFu, 0f)] // the low 8 bits are dropped
    [InlineData(0x0000_0100u, 5.96046448e-8f)] // 2^-24, the grid step
    [InlineData(0x8000_0000u, 0.5f)]
    [InlineData(0xFFFF_FFFFu, 0.99999994f)] // 1 - 2^-24: never 1
    public void ToUnitSingle_MapsTheHigh24BitsOntoAGridInZeroToOne(uint bits, float expected)
    {
        Assert.Equal(expected, Philox4x32.ToUnitSingle(bits));
    }
}
