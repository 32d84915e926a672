using System;
using System.Buffers;
using KernelGen;

namespace KernelGen.Models.MiniLM;

// The modules of BertModel, named as its state dict is (Hugging Face transformers' BertModel).

/// <summary>Word, position and token type embeddings, summed, then LayerNorm.</summary>
[Module]
public sealed partial class BertEmbeddings : Module
{
    private readonly WordEmbeddings _wordEmbeddings = new();
    private readonly PositionEmbeddings _positionEmbeddings = new();
    private readonly TokenTypeEmbeddings _tokenTypeEmbeddings = new();

    [StateName("LayerNorm")]
    private readonly EmbeddingNorm _layerNorm = new();

    /// <summary><c>LayerNorm((word + token type) + position)</c>; token types are all 0 (one segment).</summary>
    public Tensor Forward(ReadOnlySpan<int> ids, int batch, int sequence, CpuExecutionOptions? options)
    {
        int rows = batch * sequence;
        int[] segments = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            Array.Clear(segments, 0, rows);
            Tensor words = _wordEmbeddings.Forward(ids, Device, batch, sequence);
            Tensor types = _tokenTypeEmbeddings.Forward(segments.AsSpan(0, rows), Device, batch, sequence);
            Tensor positions = _positionEmbeddings.ForwardPositions(Device, batch, sequence);
            return _layerNorm.Forward(words + types, positions, options);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(segments);
        }
    }
}

/// <summary>The stack of <see cref="MiniLm.Depth"/> transformer layers.</summary>
[Module]
public sealed partial class BertEncoder : Module
{
    private readonly BertLayer[] _layer;

    /// <summary>The layers, their Linear layers in <paramref name="arithmetic"/>.</summary>
    public BertEncoder(KernelArithmetic arithmetic)
    {
        _layer = new BertLayer[MiniLm.Depth];
        for (int i = 0; i < _layer.Length; i++)
        {
            _layer[i] = new BertLayer(arithmetic);
        }
    }

    /// <summary>Runs every layer in order.</summary>
    public Tensor Forward(Tensor x, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options)
    {
        foreach (BertLayer layer in _layer)
        {
            x = layer.Forward(x, validLengths, options);
        }

        return x;
    }
}

/// <summary>One post-LayerNorm transformer layer: attention, then the MLP, each with its residual.</summary>
[Module]
public sealed partial class BertLayer : Module
{
    private readonly BertAttention _attention;
    private readonly BertIntermediate _intermediate;
    private readonly BertOutput _output;

    /// <summary>A layer whose Linear layers compute in <paramref name="arithmetic"/>.</summary>
    public BertLayer(KernelArithmetic arithmetic)
    {
        _attention = new BertAttention(arithmetic);
        _intermediate = new BertIntermediate(arithmetic);
        _output = new BertOutput(arithmetic);
    }

    /// <summary><c>x = LN(attention(x) + x); x = LN(dense(GELU(dense(x))) + x)</c>.</summary>
    public Tensor Forward(Tensor x, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options)
    {
        using var scope = TensorScope.Begin(); // this layer's temporaries go back to the pool at its end
        Tensor attended = _attention.Forward(x, validLengths, options);
        return scope.Keep(_output.Forward(_intermediate.Forward(attended, options), attended, options));
    }
}

/// <summary>Self-attention and its output projection with the residual LayerNorm.</summary>
[Module]
public sealed partial class BertAttention : Module
{
    private readonly BertSelfAttention _self;
    private readonly BertResidualOutput _output;

    /// <summary>Attention whose projections compute in <paramref name="arithmetic"/>.</summary>
    public BertAttention(KernelArithmetic arithmetic)
    {
        _self = new BertSelfAttention(arithmetic);
        _output = new BertResidualOutput(arithmetic);
    }

    /// <summary><c>LN(dense(attention(x)) + x)</c>.</summary>
    public Tensor Forward(Tensor x, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options) =>
        _output.Forward(_self.Forward(x, validLengths, options), x, options);
}

/// <summary>The query, key and value projections and the attention over 12 heads.</summary>
[Module]
public sealed partial class BertSelfAttention : Module
{
    private readonly LinearLayer _query;
    private readonly LinearLayer _key;
    private readonly LinearLayer _value;
    private readonly SelfAttention _attention = new();

    /// <summary>Projections in <paramref name="arithmetic"/>.</summary>
    public BertSelfAttention(KernelArithmetic arithmetic)
    {
        _query = BertLinears.Projection(arithmetic);
        _key = BertLinears.Projection(arithmetic);
        _value = BertLinears.Projection(arithmetic);
    }

    /// <summary>Attention of every real token over the real tokens of its sentence.</summary>
    public Tensor Forward(Tensor x, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options) =>
        _attention.Forward(
            _query.Forward(x, options), _key.Forward(x, options), _value.Forward(x, options), causal: false, validLengths, options);
}

/// <summary>A dense projection to the model width, then <c>LayerNorm(projection + residual)</c> in one pass.</summary>
[Module]
public sealed partial class BertResidualOutput : Module
{
    private readonly LinearLayer _dense;

    [StateName("LayerNorm")]
    private readonly PostNorm _layerNorm = new();

    /// <summary>A projection in <paramref name="arithmetic"/>.</summary>
    public BertResidualOutput(KernelArithmetic arithmetic) => _dense = BertLinears.Projection(arithmetic);

    /// <summary><c>LN(dense(x) + residual)</c>.</summary>
    public Tensor Forward(Tensor x, Tensor residual, CpuExecutionOptions? options) =>
        _layerNorm.Forward(_dense.Forward(x, options), residual, options);
}

/// <summary>The MLP's expansion with GELU fused into the matrix product's epilogue.</summary>
[Module]
public sealed partial class BertIntermediate : Module
{
    private readonly LinearLayer _dense;

    /// <summary>An expansion in <paramref name="arithmetic"/>.</summary>
    public BertIntermediate(KernelArithmetic arithmetic) => _dense = BertLinears.IntermediateDense(arithmetic);

    /// <summary><c>GELU(dense(x))</c>.</summary>
    public Tensor Forward(Tensor x, CpuExecutionOptions? options) => _dense.Forward(x, options);
}

/// <summary>The MLP's projection back to the model width, then the residual LayerNorm.</summary>
[Module]
public sealed partial class BertOutput : Module
{
    private readonly LinearLayer _dense;

    [StateName("LayerNorm")]
    private readonly PostNorm _layerNorm = new();

    /// <summary>A projection in <paramref name="arithmetic"/>.</summary>
    public BertOutput(KernelArithmetic arithmetic) => _dense = BertLinears.OutputDense(arithmetic);

    /// <summary><c>LN(dense(x) + residual)</c>.</summary>
    public Tensor Forward(Tensor x, Tensor residual, CpuExecutionOptions? options) =>
        _layerNorm.Forward(_dense.Forward(x, options), residual, options);
}

/// <summary>BertModel's pooler (<c>tanh(dense(h[CLS]))</c>): loaded with the checkpoint, not used by sentence pooling.</summary>
[Module]
public sealed partial class BertPooler : Module
{
    private readonly LinearLayer _dense;

    /// <summary>A pooler in <paramref name="arithmetic"/>.</summary>
    public BertPooler(KernelArithmetic arithmetic) => _dense = BertLinears.PoolerDense(arithmetic);

    /// <summary>The pooled output of each sequence's first token, <c>(batch, Width)</c>.</summary>
    public Tensor Forward(Tensor firstTokens, CpuExecutionOptions? options = null) => _dense.Forward(firstTokens, options);
}
