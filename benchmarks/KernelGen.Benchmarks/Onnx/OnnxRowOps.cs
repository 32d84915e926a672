namespace KernelGen.Benchmarks;

/// <summary>One-node ONNX graphs of the row layers, input <c>x</c> of fixed dims, for per-call comparisons.</summary>
internal static class OnnxRowOps
{
    public static byte[] Gelu(params long[] dims) => Single(dims, (graph, x) => graph.Gelu(x));

    public static byte[] LayerNorm(LayerNormLayer norm, params long[] dims) => Single(dims, (graph, x) => graph.LayerNorm(x, norm, "norm"));

    public static byte[] Softmax(params long[] dims) => Single(dims, (graph, x) => graph.Node("Softmax", [x], OnnxAttribute.Of("axis", -1L)));

    /// <summary><c>x + r</c>, both inputs: a residual add.</summary>
    public static byte[] Add(params long[] dims) => Single(dims, (graph, x) => graph.Node("Add", [x, graph.FloatInput("r", dims)]));

    private static byte[] Single(long[] dims, System.Func<OnnxGraph, string, string> op)
    {
        var graph = new OnnxGraph("row_op");
        graph.FloatOutput(op(graph, graph.FloatInput("x", dims)), dims);
        return graph.ToModel();
    }
}
