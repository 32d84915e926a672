namespace KernelGen.Benchmarks;

/// <summary>KernelGen layers written as ONNX nodes, their parameters copied from the layer: the graph computes the same model.</summary>
internal static class OnnxLayers
{
    /// <summary><c>MatMul(x, Wᵀ) + b</c>: ONNX's MatMul takes the weight as <c>[InFeatures, OutFeatures]</c>.</summary>
    public static string Linear(this OnnxGraph graph, string x, LinearLayer layer, string name)
    {
        int n = layer.OutFeatures, k = layer.InFeatures;
        var transposed = new float[k * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < k; i++)
            {
                transposed[(i * n) + j] = layer.Weight[(j * k) + i];
            }
        }

        string product = graph.Node("MatMul", [x, graph.Constant(name + ".weight_t", transposed, k, n)]);
        return layer.HasBias ? graph.Node("Add", [product, graph.Constant(name + ".bias", layer.Bias, n)]) : product;
    }

    /// <summary>LayerNormalization (opset 17) over the last axis with the layer's ε, weight and bias.</summary>
    public static string LayerNorm(this OnnxGraph graph, string x, LayerNormLayer norm, string name) => graph.Node(
        "LayerNormalization",
        [x, graph.Constant(name + ".weight", norm.Weight, norm.Features), graph.Constant(name + ".bias", norm.Bias, norm.Features)],
        OnnxAttribute.Of("axis", -1L),
        OnnxAttribute.Of("epsilon", norm.Epsilon));

    /// <summary>GELU, erf form (opset 20's Gelu with its default <c>approximate = "none"</c>).</summary>
    public static string Gelu(this OnnxGraph graph, string x) => graph.Node("Gelu", [x]);
}
