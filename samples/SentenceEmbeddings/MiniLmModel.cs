using System;
using System.Collections.Generic;
using KernelGen;

namespace SentenceEmbeddings;

/// <summary>
/// all-MiniLM-L6-v2, the sentence encoder of sentence-transformers: BERT with 6 layers of width 384,
/// 12 heads of 32, an MLP of 1536 with GELU (erf), post-LayerNorm (ε 1e-12), learned position and token
/// type embeddings. Composed from KernelGen's layers, so a sentence's output has the same bits alone, in
/// any batch and with any padding. <see cref="Load(SafetensorsFile)"/> takes every tensor by its PyTorch
/// name and checks its shape: any BERT of these dimensions loads, another gets an error naming the
/// tensor, its shape and the shape needed.
/// </summary>
public sealed class MiniLm
{
    public const int Vocabulary = 30522;
    public const int MaxPositions = 512;
    public const int TokenTypes = 2;
    public const int Width = 384;
    public const int Heads = 12;
    public const int HeadDim = Width / Heads;
    public const int Intermediate = 1536;
    public const int Depth = 6;
    public const float NormEpsilon = 1e-12f;

    private readonly WordEmbeddings _word = new();
    private readonly PositionEmbeddings _position = new();
    private readonly TokenTypeEmbeddings _tokenType = new();
    private readonly HiddenNorm _embeddingNorm = new();
    private readonly Layer[] _layers = new Layer[Depth];
    private readonly SelfAttention _attention = new();
    private readonly IntermediateGelu _gelu = new();

    private MiniLm()
    {
        for (int i = 0; i < Depth; i++)
        {
            _layers[i] = new Layer(new Projection(), new Projection(), new Projection(), new Projection(), new HiddenNorm(), new IntermediateDense(), new OutputDense(), new HiddenNorm());
        }
    }

    /// <summary>Loads the model from an ONNX export: its initializers, with MatMul weights given back their PyTorch names and layout.</summary>
    /// <exception cref="KeyNotFoundException">A tensor the model needs is missing (the file is not a BERT export).</exception>
    /// <exception cref="ArgumentException">A tensor has another shape (a BERT of other dimensions), or the model has more layers.</exception>
    public static MiniLm Load(OnnxFile onnx)
    {
        using SafetensorsFile state = onnx.ToStateDict();
        return Load(state);
    }

    /// <summary>Loads the model from a state dict with Hugging Face's <c>BertModel</c> names (a <c>bert.</c> prefix is accepted).</summary>
    /// <exception cref="KeyNotFoundException">A tensor the model needs is missing (the file is not a BERT export).</exception>
    /// <exception cref="ArgumentException">A tensor has another shape (a BERT of other dimensions), or the model has more layers.</exception>
    public static MiniLm Load(SafetensorsFile state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string root = !state.Contains("embeddings.word_embeddings.weight") && state.Contains("bert.embeddings.word_embeddings.weight") ? "bert." : string.Empty;
        var model = new MiniLm();
        model._word.LoadParameters(state, $"{root}embeddings.word_embeddings");
        model._position.LoadParameters(state, $"{root}embeddings.position_embeddings");
        model._tokenType.LoadParameters(state, $"{root}embeddings.token_type_embeddings");
        model._embeddingNorm.LoadParameters(state, $"{root}embeddings.LayerNorm");
        for (int i = 0; i < Depth; i++)
        {
            Layer layer = model._layers[i];
            string prefix = $"{root}encoder.layer.{i}";
            layer.Query.LoadParameters(state, $"{prefix}.attention.self.query");
            layer.Key.LoadParameters(state, $"{prefix}.attention.self.key");
            layer.Value.LoadParameters(state, $"{prefix}.attention.self.value");
            layer.AttentionOutput.LoadParameters(state, $"{prefix}.attention.output.dense");
            layer.AttentionNorm.LoadParameters(state, $"{prefix}.attention.output.LayerNorm");
            layer.Intermediate.LoadParameters(state, $"{prefix}.intermediate.dense");
            layer.Output.LoadParameters(state, $"{prefix}.output.dense");
            layer.OutputNorm.LoadParameters(state, $"{prefix}.output.LayerNorm");
        }

        string deeper = $"{root}encoder.layer.{Depth}.attention.self.query.bias";
        if (state.Contains(deeper))
        {
            throw new ArgumentException($"Tensor '{deeper}' is in the file: the model has more than {Depth} layers, and this encoder has {Depth}.", nameof(state));
        }

        return model;
    }

    /// <summary>
    /// Encodes <paramref name="batch"/> sequences of <paramref name="sequence"/> token ids; returns the last
    /// hidden state, <c>[batch, sequence, Width]</c>. Positions at or past a sequence's valid length are
    /// padding: no real token attends to them, and they never change a real token's bits.
    /// </summary>
    /// <param name="ids">Token ids, <c>[batch, sequence]</c>.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="sequence">Positions per sequence, 1 to <see cref="MaxPositions"/>.</param>
    /// <param name="validLengths">Real tokens per sequence (the attention mask's ones, all at the start).</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    public float[] Forward(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxPositions);
        if (ids.Length != batch * sequence)
        {
            throw new ArgumentException($"ids has {ids.Length} values; batch {batch} × sequence {sequence} needs {batch * sequence}.", nameof(ids));
        }

        int rows = batch * sequence;
        int[] positions = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            positions[r] = r % sequence;
        }

        // BertEmbeddings: (word + token type) + position, then LayerNorm. Token types are all 0 (one segment).
        float[] x = _word.Forward(ids);
        Elementwise.Add(x, _tokenType.Forward(new int[rows]), x);
        Elementwise.Add(x, _position.Forward(positions), x);
        _embeddingNorm.Forward(x, x, options);

        float[] q = new float[x.Length], k = new float[x.Length], v = new float[x.Length], a = new float[x.Length];
        float[] hidden = new float[rows * Intermediate];
        foreach (Layer layer in _layers)
        {
            layer.Query.Forward(x, q, options);
            layer.Key.Forward(x, k, options);
            layer.Value.Forward(x, v, options);
            _attention.Forward(q, k, v, a, batch, sequence, causal: false, validLengths, options);
            layer.AttentionOutput.Forward(a, q, options);
            Elementwise.Add(q, x, x);
            layer.AttentionNorm.Forward(x, x, options);
            layer.Intermediate.Forward(x, hidden, options);
            _gelu.Forward(hidden, hidden, options);
            layer.Output.Forward(hidden, q, options);
            Elementwise.Add(q, x, x);
            layer.OutputNorm.Forward(x, x, options);
        }

        return x;
    }

    private sealed record Layer(
        Projection Query, Projection Key, Projection Value, Projection AttentionOutput, HiddenNorm AttentionNorm,
        IntermediateDense Intermediate, OutputDense Output, HiddenNorm OutputNorm);
}

// The layers, declared once with the model's shapes.

/// <summary>Token embeddings.</summary>
[Embedding(MiniLm.Vocabulary, MiniLm.Width)]
public sealed partial class WordEmbeddings;

/// <summary>Learned position embeddings.</summary>
[Embedding(MiniLm.MaxPositions, MiniLm.Width)]
public sealed partial class PositionEmbeddings;

/// <summary>Token type (segment) embeddings.</summary>
[Embedding(MiniLm.TokenTypes, MiniLm.Width)]
public sealed partial class TokenTypeEmbeddings;

/// <summary>Every LayerNorm of the model (BERT's ε is 1e-12).</summary>
[LayerNorm(MiniLm.Width, Epsilon = MiniLm.NormEpsilon)]
public sealed partial class HiddenNorm;

/// <summary>The query, key, value and attention output projections.</summary>
[Linear(MiniLm.Width, MiniLm.Width)]
public sealed partial class Projection;

/// <summary>Self-attention over 12 heads of 32, padded keys masked by each sentence's length.</summary>
[Attention(heads: MiniLm.Heads, headDim: MiniLm.HeadDim)]
public sealed partial class SelfAttention;

/// <summary>The MLP's expansion.</summary>
[Linear(MiniLm.Width, MiniLm.Intermediate)]
public sealed partial class IntermediateDense;

/// <summary>The MLP's activation, GELU in its erf form.</summary>
[Activation(ActivationFunction.Gelu, MiniLm.Intermediate)]
public sealed partial class IntermediateGelu;

/// <summary>The MLP's projection back to the model width.</summary>
[Linear(MiniLm.Intermediate, MiniLm.Width)]
public sealed partial class OutputDense;
