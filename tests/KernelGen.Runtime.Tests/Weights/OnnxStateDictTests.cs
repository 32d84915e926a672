using System;
using System.Linq;
using KernelGen.Tests.Onnx;
using Xunit;
using static KernelGen.Tests.Onnx.OnnxBuilder;

namespace KernelGen.Runtime.Tests.Weights;

/// <summary>ONNX initializers as a PyTorch state dict: weights renamed by the exporter get their names and layout back through the graph.</summary>
public sealed class OnnxStateDictTests
{
    private static readonly float[] Weight = [1, 2, 3, 4, 5, 6]; // [out 2, in 3]
    private static readonly float[] WeightTransposed = [1, 4, 2, 5, 3, 6]; // [in 3, out 2]
    private static readonly float[] Bias = [0.5f, -0.5f];

    [Fact]
    public void A_MatMul_weight_feeding_a_named_bias_becomes_that_Linear_weight_out_by_in()
    {
        using SafetensorsFile state = OnnxFile.FromBytes(LinearExport(Weight, Bias, 3, 2)).ToStateDict();

        Assert.Equal(["fc.bias", "fc.weight"], state.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal([2, 3], state.GetTensor("fc.weight").Shape);
        Assert.Equal(Weight, state.ReadSingles("fc.weight"));
        Assert.Equal(Bias, state.ReadSingles("fc.bias"));
        Assert.False(state.Contains("7"));
    }

    [Fact]
    public void A_layer_loads_from_the_state_dict_and_computes_what_the_graph_computes()
    {
        using SafetensorsFile state = OnnxFile.FromBytes(LinearExport(Weight, Bias, 3, 2)).ToStateDict();
        var layer = new Weights3x2();
        layer.LoadParameters(state, "fc");

        float[] y = layer.Forward([1f, 10f, 100f]);

        Assert.Equal([(1 * 1) + (2 * 10) + (3 * 100) + 0.5f, (4 * 1) + (5 * 10) + (6 * 100) - 0.5f], y);
    }

    [Fact]
    public void The_bias_may_be_either_input_of_the_Add()
    {
        byte[] model = Model(Graph(
            [Node("MatMul", ["x", "w0"], ["p"]), Node("Add", ["p", "dense.bias"], ["y"])],
            [Floats("w0", [3, 2], WeightTransposed), Floats("dense.bias", [2], Bias)]));

        using SafetensorsFile state = OnnxFile.FromBytes(model).ToStateDict();

        Assert.Equal(Weight, state.ReadSingles("dense.weight"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(0, true)]
    public void A_Gemm_weight_is_transposed_unless_transB(int transB, bool stored_in_by_out)
    {
        byte[] model = Model(Graph(
            [Node("Gemm", ["x", "g", "pooler.bias"], ["y"], "Gemm_1", ("transB", transB))],
            [Floats("g", stored_in_by_out ? [3, 2] : [2, 3], stored_in_by_out ? WeightTransposed : Weight), Floats("pooler.bias", [2], Bias)]));

        using SafetensorsFile state = OnnxFile.FromBytes(model).ToStateDict();

        Assert.Equal([2, 3], state.GetTensor("pooler.weight").Shape);
        Assert.Equal(Weight, state.ReadSingles("pooler.weight"));
    }

    [Fact]
    public void A_Gemm_that_scales_is_not_a_Linear()
    {
        ProtoWriter gemm = Node("Gemm", ["x", "g", "pooler.bias"], ["y"], "Gemm_1", ("transB", 1)).Message(5, FloatAttribute("alpha", 2f));
        using SafetensorsFile state = OnnxFile.FromBytes(Model(Graph([gemm], [Floats("g", [2, 3], Weight), Floats("pooler.bias", [2], Bias)]))).ToStateDict();

        Assert.False(state.Contains("pooler.weight"));
        Assert.True(state.Contains("g"));
    }

    [Fact]
    public void Weights_that_the_graph_does_not_name_keep_their_generated_names()
    {
        byte[] model = Model(Graph(
            [
                Node("MatMul", ["x", "no_bias"], ["p"]), // a Linear without bias: nothing names it
                Node("MatMul", ["x", "shared"], ["q"]), Node("Add", ["q", "a.bias"], ["r"]), Node("Relu", ["q"], ["s"]), // the product has two users
                Node("MatMul", ["x", "wrong"], ["t"]), Node("Add", ["t", "b.bias"], ["u"]), // the bias length is not the weight's output width
            ],
            [Floats("no_bias", [3, 2], WeightTransposed), Floats("shared", [3, 2], WeightTransposed), Floats("a.bias", [2], Bias),
                Floats("wrong", [3, 2], WeightTransposed), Floats("b.bias", [3], [1, 2, 3])]));

        using SafetensorsFile state = OnnxFile.FromBytes(model).ToStateDict();

        Assert.Equal(["a.bias", "b.bias", "no_bias", "shared", "wrong"], state.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_weight_already_named_as_in_PyTorch_is_kept_as_it_is()
    {
        byte[] model = Model(Graph(
            [Node("Transpose", ["fc.weight"], ["t"]), Node("MatMul", ["x", "t"], ["p"]), Node("Add", ["p", "fc.bias"], ["y"]),
                Node("MatMul", ["x", "other"], ["p2"]), Node("Add", ["p2", "fc.bias"], ["y2"])],
            [Floats("fc.weight", [2, 3], Weight), Floats("fc.bias", [2], Bias), Floats("other", [3, 2], [9, 9, 9, 9, 9, 9])]));

        using SafetensorsFile state = OnnxFile.FromBytes(model).ToStateDict();

        Assert.Equal(Weight, state.ReadSingles("fc.weight"));
        Assert.True(state.Contains("other"));
    }

    [Fact]
    public void Two_weights_claiming_one_name_are_refused()
    {
        byte[] model = Model(Graph(
            [Node("MatMul", ["x", "w1"], ["p"], "MatMul_1"), Node("Add", ["p", "fc.bias"], ["y"]),
                Node("MatMul", ["x", "w2"], ["q"], "MatMul_2"), Node("Add", ["q", "fc.bias"], ["z"])],
            [Floats("w1", [3, 2], WeightTransposed), Floats("w2", [3, 2], WeightTransposed), Floats("fc.bias", [2], Bias)]));

        OnnxFormatException refused = Assert.Throws<OnnxFormatException>(() => OnnxFile.FromBytes(model).ToStateDict());

        Assert.Equal("Invalid ONNX data: the weights 'w1' (node 'MatMul_1') and 'w2' (node 'MatMul_2') both feed the bias 'fc.bias', so neither can be named 'fc.weight'.", refused.Message);
    }

    [Fact]
    public void Integer_initializers_are_left_out_and_16_bit_floats_widen()
    {
        byte[] half = [0x00, 0x3C, 0x00, 0xC0]; // 1, -2
        using SafetensorsFile state = OnnxFile.FromBytes(ModelWith(
            Tensor("position_ids", OnnxDataType.INT64, [1, 2], new byte[16]),
            Tensor("h", OnnxDataType.FLOAT16, [2], half))).ToStateDict();

        Assert.False(state.Contains("position_ids"));
        Assert.Equal([1f, -2f], state.ReadSingles("h"));
        Assert.Equal(SafetensorsDType.F32, state.GetTensor("h").DType);
    }

    [Fact]
    public void A_missing_tensor_names_the_ONNX_file_in_the_message()
    {
        using SafetensorsFile state = OnnxFile.FromBytes(ModelWith(Floats("w", [1], [1f]))).ToStateDict();
        var layer = new Weights3x2();

        var missing = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => layer.LoadParameters(state, "fc"));

        Assert.Equal("Weights3x2 needs its weight [2, 3] from tensor 'fc.weight', but the safetensors state dict of the ONNX data has no tensor 'fc.weight'; it holds 'w'.", missing.Message);
    }
}

/// <summary>A Linear 3 → 2 for the state dict tests.</summary>
[Linear(3, 2)]
public sealed partial class Weights3x2;
