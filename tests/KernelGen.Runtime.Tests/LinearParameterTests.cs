using System;
using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>The parameters of a <see cref="LinearLayer"/>: shape checks, copies, views and seeded initialization.</summary>
public sealed class LinearParameterTests
{
    // W[j, k] = 10 j + k: every value distinct and exact.
    private static readonly float[] s_weight = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24];
    private static readonly float[] s_bias = [0.5f, -1.5f, 100f];

    [Fact]
    public void NewLayer_HasTheDeclaredShape_AndZeroParameters()
    {
        var layer = new Unit5x3();

        Assert.Equal(5, layer.InFeatures);
        Assert.Equal(3, layer.OutFeatures);
        Assert.True(layer.HasBias);
        Assert.Equal(new float[15], layer.Weight.ToArray());
        Assert.Equal(new float[3], layer.Bias.ToArray());
    }

    [Fact]
    public void NewLayerWithoutBias_HasAnEmptyBias()
    {
        var layer = new Small61x3NoBias();

        Assert.False(layer.HasBias);
        Assert.Equal(61 * 3, layer.Weight.Length);
        Assert.True(layer.Bias.IsEmpty);
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(32, 32)]
    [InlineData(33, 64)]
    [InlineData(1023, 1024)]
    public void PackedStrideFor_RoundsUpToTheColumnAlignment(int outFeatures, int expected)
    {
        Assert.Equal(expected, LinearLayer.PackedStrideFor(outFeatures));
    }

    [Fact]
    public void SetParameters_CopiesTheValues()
    {
        var layer = new Unit5x3();
        float[] weight = (float[])s_weight.Clone();
        float[] bias = (float[])s_bias.Clone();

        layer.SetParameters(weight, bias);
        weight[0] = 999;
        bias[0] = 999;

        Assert.Equal(s_weight, layer.Weight.ToArray());
        Assert.Equal(s_bias, layer.Bias.ToArray());
    }

    [Fact]
    public void SetParameters_ReachesTheForwardPass()
    {
        var layer = new Unit5x3();
        layer.SetParameters(s_weight, s_bias);

        // Row 0 picks column k = 1 of W; row 1 sums k = 0..4. All sums are exact.
        float[] output = layer.Forward([0, 1, 0, 0, 0, 1, 1, 1, 1, 1]);

        Assert.Equal([1.5f, 9.5f, 121f, 10.5f, 58.5f, 210f], output);
    }

    [Fact]
    public void WeightAndBias_AreViewsOfTheCurrentParameters()
    {
        var layer = new Unit5x3();
        ReadOnlySpan<float> weight = layer.Weight;
        ReadOnlySpan<float> bias = layer.Bias;

        layer.SetParameters(s_weight, s_bias);

        Assert.Equal(s_weight, weight.ToArray());
        Assert.Equal(s_bias, bias.ToArray());
    }

    [Fact]
    public void SetParameters_WithAWeightOfTheWrongLength_Throws()
    {
        var layer = new Unit5x3();

        var exception = Assert.Throws<ArgumentException>(() => layer.SetParameters(new float[14], s_bias));

        Assert.Equal("weight", exception.ParamName);
        Assert.Equal("weight has 14 values; a Unit5x3 needs [3, 5] = 15. (Parameter 'weight')", exception.Message);
    }

    [Fact]
    public void SetParameters_WithABiasOfTheWrongLength_Throws()
    {
        var layer = new Unit5x3();

        var exception = Assert.Throws<ArgumentException>(() => layer.SetParameters(s_weight, new float[2]));

        Assert.Equal("bias", exception.ParamName);
        Assert.Equal("bias has 2 values; a Unit5x3 needs [3] = 3. (Parameter 'bias')", exception.Message);
    }

    [Fact]
    public void SetParameters_WithAMissingBias_Throws()
    {
        var layer = new Unit5x3();

        var exception = Assert.Throws<ArgumentException>(() => layer.SetParameters(s_weight, ReadOnlySpan<float>.Empty));

        Assert.Equal("bias has 0 values; a Unit5x3 needs [3] = 3. (Parameter 'bias')", exception.Message);
    }

    [Fact]
    public void SetParameters_OnALayerWithoutBias_RejectsANonEmptyBias()
    {
        var layer = new Small61x3NoBias();

        var exception = Assert.Throws<ArgumentException>(() => layer.SetParameters(new float[183], new float[3]));

        Assert.Equal("bias", exception.ParamName);
        Assert.Equal(
            "bias has 3 values, but Small61x3NoBias is declared without a bias (Bias = false): pass an empty span. (Parameter 'bias')",
            exception.Message);
    }

    [Fact]
    public void SetParameters_OnALayerWithoutBias_AcceptsAnEmptyBias()
    {
        var layer = new Small61x3NoBias();
        float[] weight = Enumerable.Range(0, 183).Select(i => (float)i).ToArray();

        layer.SetParameters(weight, []);

        Assert.Equal(weight, layer.Weight.ToArray());
    }

    [Fact]
    public void SetParameters_ThatThrows_LeavesTheParametersUnchanged()
    {
        var layer = new Unit5x3();
        layer.SetParameters(s_weight, s_bias);

        Assert.Throws<ArgumentException>(() => layer.SetParameters(new float[15], new float[4]));

        Assert.Equal(s_weight, layer.Weight.ToArray());
        Assert.Equal(s_bias, layer.Bias.ToArray());
    }

    [Fact]
    public void InitializeUniform_IsDeterministicPerSeed()
    {
        var first = new Projection1024x64();
        var second = new Projection1024x64();
        var other = new Projection1024x64();

        first.InitializeUniform(7);
        second.InitializeUniform(7);
        other.InitializeUniform(8);

        Assert.Equal(first.Weight.ToArray(), second.Weight.ToArray());
        Assert.Equal(first.Bias.ToArray(), second.Bias.ToArray());
        Assert.NotEqual(first.Weight.ToArray(), other.Weight.ToArray());
        Assert.NotEqual(first.Bias.ToArray(), other.Bias.ToArray());
    }

    [Fact]
    public void InitializeUniform_DrawsTheWeightFromStream0AndTheBiasFromStream1()
    {
        var layer = new Unit5x3();
        float bound = 1f / MathF.Sqrt(5);
        var weight = new float[15];
        var bias = new float[3];
        new PhiloxRandom(seed: 3, stream: 0).Fill(weight, -bound, bound);
        new PhiloxRandom(seed: 3, stream: 1).Fill(bias, -bound, bound);

        layer.InitializeUniform(3);

        Assert.Equal(weight, layer.Weight.ToArray());
        Assert.Equal(bias, layer.Bias.ToArray());
    }

    [Fact]
    public void InitializeUniform_StaysWithinPlusOrMinusOneOverSqrtInFeatures_AndSpansThatRange()
    {
        var layer = new Projection1024x64();
        const float bound = 1f / 32; // 1 / sqrt(1024)

        layer.InitializeUniform(11);
        float[] weight = layer.Weight.ToArray();

        Assert.All(weight, value => Assert.InRange(value, -bound, bound));
        Assert.All(layer.Bias.ToArray(), value => Assert.InRange(value, -bound, bound));
        Assert.True(weight.Min() < -0.99f * bound && weight.Max() > 0.99f * bound, "65,536 uniform draws should reach both ends of the range.");
    }

    [Fact]
    public void SeedConstructor_EqualsInitializeUniform()
    {
        var seeded = new Unit5x3(seed: 21);
        var initialized = new Unit5x3();

        initialized.InitializeUniform(21);

        Assert.Equal(initialized.Weight.ToArray(), seeded.Weight.ToArray());
        Assert.Equal(initialized.Bias.ToArray(), seeded.Bias.ToArray());
    }

    [Fact]
    public void InitializeUniform_OnALayerWithoutBias_LeavesTheBiasEmpty()
    {
        var layer = new Small61x3NoBias(seed: 1);

        Assert.True(layer.Bias.IsEmpty);
        Assert.Contains(layer.Weight.ToArray(), value => value != 0);
    }
}
