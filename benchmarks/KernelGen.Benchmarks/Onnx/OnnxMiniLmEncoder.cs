using System;

namespace KernelGen.Benchmarks;

/// <summary>
/// The ONNX graph of a <see cref="MiniLmEncoder"/>, with its weights, written as a BERT export spells attention:
/// per-head Reshape and Transpose, MatMul for the scores, Mul by the scale, Add of the mask bias, Softmax, MatMul
/// with the values. Inputs <c>input_ids [batch, sequence]</c> (int64) and <c>attention_bias [batch, 1, 1, sequence]</c>
/// (0 for a key to attend, a large negative number for padding); output <c>[batch, sequence, 384]</c>.
/// </summary>
internal static class OnnxMiniLmEncoder
{
    /// <summary>What <c>attention_bias</c> holds at a padded key: exp of it minus any real score is 0.</summary>
    public const float MaskedBias = float.MinValue;

    public static byte[] Create(MiniLmEncoder model, int batch, int sequence)
    {
        const int hidden = MiniLmEncoder.Hidden;
        var graph = new OnnxGraph("minilm_encoder");
        string ids = graph.Int64Input("input_ids", batch, sequence);
        string bias = graph.FloatInput("attention_bias", batch, 1, 1, sequence);
        string toHeads = graph.Int64Constant("heads_shape", [0, 0, MiniLmEncoder.Heads, MiniLmEncoder.HeadDim], 4); // 0: copy the input's extent
        string fromHeads = graph.Int64Constant("hidden_shape", [0, 0, hidden], 3);
        string scale = graph.Scalar("scale", model.Scale);

        string words = graph.Node("Gather", [graph.Constant("word_embeddings", model.Word.Weight, MiniLmEncoder.Vocabulary, hidden), ids]);
        string positions = graph.Constant("position_embeddings", model.Position.Weight[..(sequence * hidden)], sequence, hidden);
        string x = graph.LayerNorm(graph.Node("Add", [words, positions]), model.EmbeddingNorm, "embeddings.norm");
        for (int i = 0; i < model.Layers.Length; i++)
        {
            MiniLmEncoder.Layer layer = model.Layers[i];
            string prefix = $"layers.{i}";
            string Heads(string projection, params long[] perm) =>
                graph.Node("Transpose", [graph.Node("Reshape", [projection, toHeads])], OnnxAttribute.Of("perm", perm));

            string q = Heads(graph.Linear(x, layer.Q, prefix + ".q"), 0, 2, 1, 3); // [batch, heads, sequence, 32]
            string k = Heads(graph.Linear(x, layer.K, prefix + ".k"), 0, 2, 3, 1); // [batch, heads, 32, sequence]
            string v = Heads(graph.Linear(x, layer.V, prefix + ".v"), 0, 2, 1, 3);
            string scores = graph.Node("Add", [graph.Node("Mul", [graph.Node("MatMul", [q, k]), scale]), bias]);
            string probabilities = graph.Node("Softmax", [scores], OnnxAttribute.Of("axis", -1L));
            string context = graph.Node("Transpose", [graph.Node("MatMul", [probabilities, v])], OnnxAttribute.Of("perm", 0L, 2, 1, 3));
            string attended = graph.Linear(graph.Node("Reshape", [context, fromHeads]), layer.O, prefix + ".o");
            x = graph.LayerNorm(graph.Node("Add", [x, attended]), layer.Norm1, prefix + ".norm1");
            string mlp = graph.Linear(graph.Gelu(graph.Linear(x, layer.Fc1, prefix + ".fc1")), layer.Fc2, prefix + ".fc2");
            x = graph.LayerNorm(graph.Node("Add", [x, mlp]), layer.Norm2, prefix + ".norm2");
        }

        graph.FloatOutput(x, batch, sequence, hidden);
        return graph.ToModel();
    }

    /// <summary>The additive mask: 0 at each sequence's first <c>validLengths[b]</c> keys, <see cref="MaskedBias"/> after.</summary>
    public static float[] AttentionBias(ReadOnlySpan<int> validLengths, int sequence)
    {
        var bias = new float[validLengths.Length * sequence];
        for (int b = 0; b < validLengths.Length; b++)
        {
            bias.AsSpan((b * sequence) + validLengths[b], sequence - validLengths[b]).Fill(MaskedBias);
        }

        return bias;
    }
}
