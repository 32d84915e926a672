namespace KernelGen.Benchmarks;

/// <summary>The ONNX graph of a <see cref="ResidualStack"/>, with its weights: input <c>x [rows, 768]</c>, output <c>y</c>.</summary>
internal static class OnnxResidualStack
{
    public static byte[] Create(ResidualStack model, int rows)
    {
        var graph = new OnnxGraph("residual_stack");
        string x = graph.FloatInput("x", rows, ResidualStack.Width);
        for (int i = 0; i < model.Blocks.Length; i++)
        {
            ResidualStack.Block block = model.Blocks[i];
            string prefix = $"blocks.{i}";
            string h = graph.LayerNorm(x, block.Ln1, prefix + ".ln1");
            h = graph.Gelu(graph.Linear(h, block.Fc1, prefix + ".fc1"));
            h = graph.LayerNorm(graph.Linear(h, block.Fc2, prefix + ".fc2"), block.Ln2, prefix + ".ln2");
            x = graph.Node("Add", [x, h]);
        }

        graph.FloatOutput(x, rows, ResidualStack.Width);
        return graph.ToModel();
    }
}
