using System;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Exact;

/// <summary>The CPU exact tier against the BigInteger reference, on every SIMD path, thread count and batch position.</summary>
public sealed class ExactCpuTests
{
    public static TheoryData<string, string> KindPairs { get; } = Pairs();

    /// <summary>Every concrete path this processor runs (the others are covered by the child-process SIMD tests).</summary>
    internal static SimdPath[] Paths { get; } = Enum.GetValues<SimdPath>().Where(path => path != SimdPath.Auto && SimdPaths.IsSupported(path)).ToArray();

    [Theory]
    [MemberData(nameof(KindPairs))]
    public void Every_path_equals_the_reference(string inputKind, string weightKind)
    {
        Exact100x70 layer = ExactCases.Layer<Exact100x70>(weightKind, seed: 11);
        var input = new float[5 * layer.InFeatures];
        ExactCases.Fill(input, inputKind, seed: 12);
        input.AsSpan(2 * layer.InFeatures, layer.InFeatures).Clear(); // a zero row: outputs are the bias

        float[] expected = ExactCases.Reference(layer, input);
        foreach (SimdPath path in Paths)
        {
            BitAssert.Equal(expected, layer.Forward(input, new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = 1 }), $"{path}");
        }
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("mixed")]
    [InlineData("subnormal")]
    [InlineData("huge")]
    public void Shapes_without_bias_or_with_odd_lengths_equal_the_reference(string kind)
    {
        Check(ExactCases.Layer<Exact61x3NoBias>(kind, 21), kind, rows: 7);
        Check(ExactCases.Layer<Exact1x1>(kind, 22), kind, rows: 9);
        Check(ExactCases.Layer<Exact3x130>(kind, 23), kind, rows: 3);
        Check(ExactCases.Layer<Exact1027x33Gelu>(kind, 24), kind, rows: 2);

        static void Check(LinearLayer layer, string kind, int rows)
        {
            var input = new float[rows * layer.InFeatures];
            ExactCases.Fill(input, kind, seed: 25);
            float[] expected = ExactCases.Reference(layer, input);
            foreach (SimdPath path in Paths)
            {
                BitAssert.Equal(expected, layer.Forward(input, new CpuExecutionOptions { SimdPath = path }), $"{layer.GetType().Name} {path}");
            }
        }
    }

    [Fact]
    public void A_row_longer_than_2_to_the_17_equals_the_reference_on_every_path()
    {
        Exact140000x2 layer = ExactCases.Layer<Exact140000x2>("normal", 31);
        var input = new float[layer.InFeatures];
        ExactCases.Fill(input, "normal", seed: 32);
        input[12345] = -1000f; // the largest magnitude, so that most digits are busy and the int32 chunks fill

        float[] expected = ExactCases.Reference(layer, input);
        foreach (SimdPath path in Paths)
        {
            BitAssert.Equal(expected, layer.Forward(input, new CpuExecutionOptions { SimdPath = path }), $"{path}");
        }
    }

    [Fact]
    public void Digits_of_minus_128_in_every_low_slice_over_a_long_row_equal_the_reference()
    {
        // 8322815·2^-22 quantizes to q = 2^30 − 0x808080, whose digits are (64, −128, −128, −128): the largest
        // magnitudes of every slice at once, summed over 140,000 elements (several int32 chunks).
        Exact140000x2 layer = new();
        var weight = new float[2 * layer.InFeatures];
        var x = new float[layer.InFeatures];
        float awkward = 8322815f / 4194304f;
        Assert.Equal([64, -128, -128, -128], ExactReference.DigitsOf(ExactReference.Quantize(awkward, ExactReference.Scale([awkward])!.Value)).Select(d => (int)d));
        Array.Fill(weight, awkward);
        Array.Fill(x, awkward);
        weight.AsSpan(layer.InFeatures).Fill(-awkward);
        layer.SetParameters(weight, new float[2]);

        float[] expected = ExactCases.Reference(layer, x);
        foreach (SimdPath path in Paths)
        {
            BitAssert.Equal(expected, layer.Forward(x, new CpuExecutionOptions { SimdPath = path }), $"{path}");
        }
    }

    [Fact]
    public void A_row_alone_equals_the_row_in_any_batch_at_any_position_and_thread_count()
    {
        Exact1027x33Gelu layer = ExactCases.Layer<Exact1027x33Gelu>("mixed", 41);
        const int Rows = 37;
        var input = new float[Rows * layer.InFeatures];
        ExactCases.Fill(input, "normal", seed: 42);
        float[] batch = layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = 1 });
        BitAssert.Equal(batch, layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = 2 }), "2 threads");
        BitAssert.Equal(batch, layer.Forward(input, new CpuExecutionOptions { MaxDegreeOfParallelism = 7 }), "7 threads");
        for (int r = 0; r < Rows; r += 6)
        {
            float[] alone = layer.Forward(input.AsSpan(r * layer.InFeatures, layer.InFeatures));
            BitAssert.Equal(batch.AsSpan(r * layer.OutFeatures, layer.OutFeatures), alone, $"row {r} alone");
            float[] prefix = layer.Forward(input.AsSpan(0, (r + 1) * layer.InFeatures));
            BitAssert.Equal(batch.AsSpan(0, (r + 1) * layer.OutFeatures), prefix, $"prefix of {r + 1} rows");
        }
    }

    [Fact]
    public void A_row_with_a_nan_or_an_infinity_gives_nan_outputs_and_leaves_other_rows_alone()
    {
        Exact100x70 layer = ExactCases.Layer<Exact100x70>("normal", 51);
        var input = new float[4 * layer.InFeatures];
        ExactCases.Fill(input, "normal", seed: 52);
        float[] clean = layer.Forward(input);
        input[(1 * layer.InFeatures) + 7] = float.NaN;
        input[(2 * layer.InFeatures) + 99] = float.PositiveInfinity;
        input[(3 * layer.InFeatures) + 0] = float.NegativeInfinity;

        float[] output = layer.Forward(input);

        BitAssert.Equal(clean.AsSpan(0, layer.OutFeatures), output.AsSpan(0, layer.OutFeatures), "row 0");
        Assert.All(output.Skip(layer.OutFeatures), value => Assert.Equal(0x7FC00000, BitConverter.SingleToInt32Bits(value)));
        BitAssert.Equal(ExactCases.Reference(layer, input), output, "reference");
    }

    [Fact]
    public void Zero_weight_rows_and_zero_inputs_give_exactly_the_bias()
    {
        var layer = new Exact3x130();
        var weight = new float[3 * 130];
        ExactCases.Fill(weight, "normal", 61);
        weight.AsSpan(5 * 3, 3).Clear();
        var bias = new float[130];
        ExactCases.Fill(bias, "normal", 62);
        bias[5] = -0f;
        layer.SetParameters(weight, bias);

        float[] output = layer.Forward([0f, -0f, 0f, 1f, 2f, 3f]);

        BitAssert.Equal(bias.Select(b => 0f + b).ToArray(), output.AsSpan(0, 130), "zero row");
        Assert.Equal(0, BitConverter.SingleToInt32Bits(output[130 + 5])); // +0 product plus −0 bias is +0
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void A_non_finite_weight_is_rejected_with_its_index(float bad, string shown)
    {
        var layer = new Exact100x70();
        var weight = new float[70 * 100];
        weight[(3 * 100) + 17] = bad;

        ArgumentException error = Assert.Throws<ArgumentException>(() => layer.SetParameters(weight, new float[70]));

        Assert.Equal("weight", error.ParamName);
        Assert.Equal($"weight[317] (row 3, column 17) is {shown}; Exact100x70 uses KG-Exact-1, whose weights must be finite. (Parameter 'weight')", error.Message);
        Assert.All(layer.Weight.ToArray(), value => Assert.Equal(0f, value)); // nothing was copied
    }

    [Fact]
    public void A_non_finite_weight_loaded_through_the_state_dict_fails_the_next_forward_pass()
    {
        var layer = new Exact3x130();
        var weight = new float[130 * 3];
        weight[7] = float.PositiveInfinity;
        SafetensorsWriter writer = new SafetensorsWriter().Add("weight", weight, [130, 3]).Add("bias", new float[130], [130]);
        using SafetensorsFile file = SafetensorsFile.FromBytes(writer.ToArray());
        layer.LoadStateDict(file);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => layer.Forward(new float[3]));

        Assert.Equal("weight[7] (row 2, column 1) of Exact3x130 is Infinity; KG-Exact-1 needs finite weights.", error.Message);
    }

    [Fact]
    public void A_non_finite_weight_is_accepted_by_the_bitwise_tier()
    {
        var layer = new Bitwise100x70();
        var weight = new float[70 * 100];
        weight[5] = float.NaN;
        layer.SetParameters(weight, new float[70]);
        Assert.Equal(KernelArithmetic.Bitwise, layer.Arithmetic);
    }

    [Fact]
    public void The_layer_reports_its_arithmetic()
    {
        Assert.Equal(KernelArithmetic.Exact, new Exact100x70().Arithmetic);
        Assert.Equal("KG-Exact-1", new Exact100x70().ArithmeticName);
        Assert.Equal("KG-Bitwise-1", new Bitwise100x70().ArithmeticName);
        Assert.Equal(ActivationFunction.Gelu, new Exact1027x33Gelu().Activation);
    }

    [Fact]
    public void New_parameters_are_sliced_again()
    {
        Exact100x70 layer = ExactCases.Layer<Exact100x70>("normal", 71);
        var input = new float[2 * layer.InFeatures];
        ExactCases.Fill(input, "normal", 72);
        float[] before = layer.Forward(input);
        layer.InitializeUniform(seed: 5);
        float[] after = layer.Forward(input);

        Assert.NotEqual(before, after);
        BitAssert.Equal(ExactCases.Reference(layer, input), after, "after InitializeUniform");
    }

    [Fact]
    public void The_exact_tier_differs_from_the_bitwise_tier_but_stays_close()
    {
        Exact100x70 exact = ExactCases.Layer<Exact100x70>("normal", 81);
        Bitwise100x70 bitwise = ExactCases.Layer<Bitwise100x70>("normal", 81);
        var input = new float[20 * 100];
        ExactCases.Fill(input, "normal", 82);
        float[] a = exact.Forward(input), b = bitwise.Forward(input);

        Assert.True(a.Zip(b).Count(pair => pair.First != pair.Second) > 0, "the tiers should give different bits somewhere");
        Assert.All(a.Zip(b), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-4f * (1 + Math.Abs(pair.Second)), $"{pair.First} vs {pair.Second}"));
    }

    private static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (string kind in ExactCases.KindNames)
        {
            data.Add(kind, "normal");
            data.Add("normal", kind);
        }

        data.Add("mixed", "subnormal");
        data.Add("huge", "huge");
        data.Add("subnormal", "subnormal");
        return data;
    }
}
