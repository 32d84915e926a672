using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>
/// Loading a layer from PyTorch state-dict names (<c>{prefix}.weight</c> [out, in], <c>{prefix}.bias</c>
/// [out]), saving it under the same names, and every mismatch as a message that names the tensor,
/// its shape and the shape needed.
/// </summary>
public sealed class LinearLayerSafetensorsTests
{
    private static readonly float[] Weight = Enumerable.Range(0, 12).Select(i => (i - 6) * 0.125f).ToArray();
    private static readonly float[] BiasValues = [0.5f, -0.25f, 1f];

    [Fact]
    public void LoadParameters_ReadsPrefixDotWeightAndBias()
    {
        using SafetensorsFile file = File(w => w
            .Add("encoder.fc.weight", Weight, [3, 4])
            .Add("encoder.fc.bias", BiasValues, [3])
            .Add("other.weight", [1f], [1]));
        var layer = new Weights4x3();

        layer.LoadParameters(file, "encoder.fc");

        Assert.Equal(Weight, layer.Weight.ToArray());
        Assert.Equal(BiasValues, layer.Bias.ToArray());
    }

    [Fact]
    public void LoadedLayer_ComputesWithTheFilesParameters()
    {
        using SafetensorsFile file = File(w => w.Add("weight", Weight, [3, 4]).Add("bias", BiasValues, [3]));
        var loaded = new Weights4x3();
        var direct = new Weights4x3();
        direct.SetParameters(Weight, BiasValues);

        loaded.LoadParameters(file, prefix: "");

        float[] x = [1f, 2f, 3f, 4f, -1f, 0.5f, 0f, 2f];
        SafetensorsReaderTests.AssertBits(direct.Forward(x), loaded.Forward(x));
    }

    [Theory]
    [InlineData(SafetensorsDType.F32)]
    [InlineData(SafetensorsDType.F16)]
    [InlineData(SafetensorsDType.BF16)]
    public void SaveThenLoad_GivesTheSameParameters_ExactlyForValuesTheDTypeHolds(SafetensorsDType dtype)
    {
        var layer = new Weights4x3();
        layer.SetParameters(Weight, BiasValues); // multiples of 1/8: exact in every dtype
        var writer = new SafetensorsWriter();
        layer.SaveParameters(writer, "head", dtype);

        using SafetensorsFile file = SafetensorsFile.FromBytes(writer.ToArray());
        Assert.Equal(["head.weight", "head.bias"], file.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal([3, 4], file.GetTensor("head.weight").Shape);
        Assert.Equal(dtype, file.GetTensor("head.bias").DType);

        var loaded = new Weights4x3();
        loaded.LoadParameters(file, "head");
        Assert.Equal(Weight, loaded.Weight.ToArray());
        Assert.Equal(BiasValues, loaded.Bias.ToArray());
    }

    [Fact]
    public void SaveThenLoad_OfARandomLayer_InF32_IsBitExact()
    {
        var layer = new Weights4x3(seed: 99);
        var writer = new SafetensorsWriter();
        layer.SaveParameters(writer, "l");

        var loaded = new Weights4x3();
        loaded.LoadParameters(SafetensorsFile.FromBytes(writer.ToArray()), "l");

        SafetensorsReaderTests.AssertBits(layer.Weight.ToArray(), loaded.Weight.ToArray());
        SafetensorsReaderTests.AssertBits(layer.Bias.ToArray(), loaded.Bias.ToArray());
    }

    [Fact]
    public void ExplicitNames_OverrideTheConvention()
    {
        using SafetensorsFile file = File(w => w.Add("W_q", Weight, [3, 4]).Add("b_q", BiasValues, [3]));
        var layer = new Weights4x3();

        layer.LoadParameters(file, weightName: "W_q", biasName: "b_q");

        Assert.Equal(BiasValues, layer.Bias.ToArray());
    }

    [Fact]
    public void WeightOfTheWrongShape_NamesTheTensorItsShapeAndTheShapeNeeded()
    {
        // The PyTorch-transposed mistake: [in, out] instead of [out, in].
        using SafetensorsFile file = File(w => w.Add("fc.weight", Weight, [4, 3]).Add("fc.bias", BiasValues, [3]));

        var exception = Assert.Throws<ArgumentException>(() => new Weights4x3().LoadParameters(file, "fc"));
        Assert.Equal("Tensor 'fc.weight' has shape [4, 3]; the weight of Weights4x3 (Linear 4 -> 3) needs [3, 4]. (Parameter 'file')", exception.Message);
    }

    [Fact]
    public void BiasOfTheWrongShape_Throws()
    {
        using SafetensorsFile file = File(w => w.Add("fc.weight", Weight, [3, 4]).Add("fc.bias", [1f, 2f, 3f], [1, 3]));

        var exception = Assert.Throws<ArgumentException>(() => new Weights4x3().LoadParameters(file, "fc"));
        Assert.Equal("Tensor 'fc.bias' has shape [1, 3]; the bias of Weights4x3 (Linear 4 -> 3) needs [3]. (Parameter 'file')", exception.Message);
    }

    [Fact]
    public void MissingBias_NamesItAndListsTheFile()
    {
        using SafetensorsFile file = File(w => w.Add("fc.weight", Weight, [3, 4]));

        var exception = Assert.Throws<KeyNotFoundException>(() => new Weights4x3().LoadParameters(file, "fc"));
        Assert.Equal("Weights4x3 needs its bias [3] from tensor 'fc.bias', but the safetensors data has no tensor 'fc.bias'; it holds 'fc.weight'.", exception.Message);
    }

    [Fact]
    public void BiasInTheFile_ForALayerWithoutBias_IsRefused_UnlessIgnoredExplicitly()
    {
        using SafetensorsFile file = File(w => w.Add("fc.weight", Weight, [3, 4]).Add("fc.bias", BiasValues, [3]));
        var layer = new Weights4x3NoBias();

        var exception = Assert.Throws<ArgumentException>(() => layer.LoadParameters(file, "fc"));
        Assert.Equal(
            "The file has a bias tensor 'fc.bias', but Weights4x3NoBias is declared without a bias (Bias = false); declare it with a bias, or pass biasName: null to ignore it. (Parameter 'file')",
            exception.Message);

        layer.LoadParameters(file, "fc.weight", biasName: null);
        Assert.Equal(Weight, layer.Weight.ToArray());
    }

    [Fact]
    public void LayerWithoutBias_SavesOnlyTheWeight()
    {
        var writer = new SafetensorsWriter();
        new Weights4x3NoBias(seed: 1).SaveParameters(writer, "fc");

        Assert.Equal(1, writer.Count);
    }

    [Fact]
    public void IntegerWeight_IsRefused()
    {
        string header = "{\"fc.weight\":{\"dtype\":\"I32\",\"shape\":[3,4],\"data_offsets\":[0,48]},\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[48,60]}}";
        using SafetensorsFile file = SafetensorsFile.FromBytes(SafetensorsBytes.File(header, 60));

        Assert.Throws<NotSupportedException>(() => new Weights4x3().LoadParameters(file, "fc"));
    }

    [Fact]
    public void FailedLoad_LeavesTheLayerUnchanged()
    {
        var layer = new Weights4x3(seed: 5);
        float[] before = layer.Weight.ToArray();
        using SafetensorsFile file = File(w => w.Add("fc.weight", Weight, [3, 4]).Add("fc.bias", [1f, 2f], [2]));

        Assert.Throws<ArgumentException>(() => layer.LoadParameters(file, "fc"));

        Assert.Equal(before, layer.Weight.ToArray());
    }

    private static SafetensorsFile File(Func<SafetensorsWriter, SafetensorsWriter> build) =>
        SafetensorsFile.FromBytes(build(new SafetensorsWriter()).ToArray());
}
