using System;

namespace KernelGen.Benchmarks;

// A BERT encoder of all-MiniLM-L6-v2's shapes, declared as a user would: fused (fc1 + GELU one [Linear] with its
// activation, each residual add + LayerNorm one [LayerNorm] with Residual = BeforeNorm), or, for the per-kind
// profile, the unfused chain of the same weights (Fused = false): both give the same bits.

/// <summary>Token embeddings: BERT's uncased WordPiece vocabulary, id 0 the padding token.</summary>
[Embedding(MiniLmEncoder.Vocabulary, MiniLmEncoder.Hidden, PaddingIndex = 0)]
public sealed partial class MiniLmWordEmbedding;

/// <summary>Learned position embeddings.</summary>
[Embedding(MiniLmEncoder.MaxPositions, MiniLmEncoder.Hidden)]
public sealed partial class MiniLmPositionEmbedding;

/// <summary>Every LayerNorm of the encoder, with BERT's ε.</summary>
[LayerNorm(MiniLmEncoder.Hidden, Epsilon = 1e-12f)]
public sealed partial class MiniLmNorm;

/// <summary>A residual add then LayerNorm, BERT's post-norm <c>LayerNorm(x + sublayer(x))</c>, in one pass.</summary>
[LayerNorm(MiniLmEncoder.Hidden, Epsilon = 1e-12f, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class MiniLmResidualNorm;

/// <summary>The MLP's expansion fused with its GELU (erf form).</summary>
[Linear(MiniLmEncoder.Hidden, MiniLmEncoder.Intermediate, Activation = ActivationFunction.Gelu)]
public sealed partial class MiniLmUpGelu;

/// <summary>The query, key, value and output projections.</summary>
[Linear(MiniLmEncoder.Hidden, MiniLmEncoder.Hidden)]
public sealed partial class MiniLmProjection;

/// <summary>Self-attention: 12 heads of 32.</summary>
[Attention(MiniLmEncoder.Heads, MiniLmEncoder.HeadDim)]
public sealed partial class MiniLmAttention;

/// <summary>The MLP's expansion.</summary>
[Linear(MiniLmEncoder.Hidden, MiniLmEncoder.Intermediate)]
public sealed partial class MiniLmUp;

/// <summary>The MLP's activation, GELU in its erf form.</summary>
[Activation(ActivationFunction.Gelu, MiniLmEncoder.Intermediate)]
public sealed partial class MiniLmGelu;

/// <summary>The MLP's projection back to the hidden width.</summary>
[Linear(MiniLmEncoder.Intermediate, MiniLmEncoder.Hidden)]
public sealed partial class MiniLmDown;

/// <summary>
/// <c>x = LayerNorm(word[ids] + position[0..s))</c>, then per layer (post-LayerNorm, as BERT)
/// <c>x = norm1(x + o(attention(q(x), k(x), v(x))))</c> and <c>x = norm2(x + fc2(gelu(fc1(x))))</c>, padded keys
/// masked by each sequence's valid length. No token-type embedding (all-zero type ids add one constant row).
/// Random weights from Philox: projections N(0, 0.05), embeddings N(0, 1), LayerNorm weights N(1, 0.1) and
/// biases N(0, 0.1). Not thread-safe: it reuses its activation buffers.
/// </summary>
internal sealed class MiniLmEncoder
{
    public const int Vocabulary = 30522;
    public const int MaxPositions = 512;
    public const int Hidden = 384;
    public const int Heads = 12;
    public const int HeadDim = 32;
    public const int Intermediate = 1536;
    public const int Depth = 6;
    public const float ProjectionStd = 0.05f;

    private readonly MiniLmAttention _attention = new();
    private readonly MiniLmGelu _gelu = new();
    private Buffers _buffers = new(0, 0);

    public MiniLmEncoder(ulong seed)
    {
        ulong stream = 0;
        Word.SetParameters(Normal(seed, ref stream, Vocabulary * Hidden, 0f, 1f));
        Position.SetParameters(Normal(seed, ref stream, MaxPositions * Hidden, 0f, 1f));
        EmbeddingNorm = Norm(seed, ref stream);
        Layers = new Layer[Depth];
        for (int i = 0; i < Depth; i++)
        {
            MiniLmProjection query = Linear(new MiniLmProjection(), seed, ref stream);
            MiniLmProjection key = Linear(new MiniLmProjection(), seed, ref stream);
            MiniLmProjection value = Linear(new MiniLmProjection(), seed, ref stream);
            MiniLmProjection output = Linear(new MiniLmProjection(), seed, ref stream);
            MiniLmNorm norm1 = Norm(seed, ref stream);
            MiniLmUp fc1 = Linear(new MiniLmUp(), seed, ref stream);
            MiniLmDown fc2 = Linear(new MiniLmDown(), seed, ref stream);
            MiniLmNorm norm2 = Norm(seed, ref stream);
            var fc1Gelu = new MiniLmUpGelu();
            fc1Gelu.SetParameters(fc1.Weight, fc1.Bias);
            Layers[i] = new Layer(query, key, value, output, norm1, fc1, fc2, norm2, fc1Gelu, ResidualNorm(norm1), ResidualNorm(norm2));
        }
    }

    /// <summary>Whether <see cref="Forward"/> runs the fused layers (the default) or the unfused chain of the same weights.</summary>
    public bool Fused { get; set; } = true;

    public MiniLmWordEmbedding Word { get; } = new();

    public MiniLmPositionEmbedding Position { get; } = new();

    public MiniLmNorm EmbeddingNorm { get; }

    public Layer[] Layers { get; }

    /// <summary>The attention score scale, <c>1/√32</c> rounded to float.</summary>
    public float Scale => _attention.Scale;

    /// <summary>
    /// Encodes <paramref name="batch"/> sequences of <paramref name="sequence"/> ids; returns the last hidden
    /// state, <c>[batch, sequence, Hidden]</c>, in a buffer the next call overwrites.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths, CpuExecutionOptions options, LayerClock? clock = null)
    {
        int rows = batch * sequence;
        Buffers b = _buffers.Rows >= rows && _buffers.Sequence == sequence ? _buffers : _buffers = new Buffers(rows, sequence);
        Span<float> x = b.X.AsSpan(0, rows * Hidden), q = b.Q.AsSpan(0, rows * Hidden), k = b.K.AsSpan(0, rows * Hidden);
        Span<float> v = b.V.AsSpan(0, rows * Hidden), a = b.A.AsSpan(0, rows * Hidden), hidden = b.Mlp.AsSpan(0, rows * Intermediate);

        clock?.Start();
        Word.Forward(ids, x);
        Position.Forward(b.Positions.AsSpan(0, rows), q);
        clock?.Lap(LayerKind.Embedding);
        Elementwise.Add(x, q, x, options);
        clock?.Lap(LayerKind.ResidualAdd);
        EmbeddingNorm.Forward(x, x, options);
        clock?.Lap(LayerKind.LayerNorm);
        foreach (Layer layer in Layers)
        {
            layer.Q.Forward(x, q, options);
            layer.K.Forward(x, k, options);
            layer.V.Forward(x, v, options);
            clock?.Lap(LayerKind.Linear);
            _attention.Forward(q, k, v, a, batch, sequence, causal: false, validLengths, options);
            clock?.Lap(LayerKind.Attention);
            layer.O.Forward(a, q, options);
            clock?.Lap(LayerKind.Linear);
            if (Fused)
            {
                layer.Norm1Residual.Forward(q, x, x, options);
                clock?.Lap(LayerKind.NormResidual);
                layer.Fc1Gelu.Forward(x, hidden, options);
                clock?.Lap(LayerKind.LinearGelu);
                layer.Fc2.Forward(hidden, q, options);
                clock?.Lap(LayerKind.Linear);
                layer.Norm2Residual.Forward(q, x, x, options);
                clock?.Lap(LayerKind.NormResidual);
                continue;
            }

            Elementwise.Add(x, q, x, options);
            clock?.Lap(LayerKind.ResidualAdd);
            layer.Norm1.Forward(x, x, options);
            clock?.Lap(LayerKind.LayerNorm);
            layer.Fc1.Forward(x, hidden, options);
            clock?.Lap(LayerKind.Linear);
            _gelu.Forward(hidden, hidden, options);
            clock?.Lap(LayerKind.Gelu);
            layer.Fc2.Forward(hidden, q, options);
            clock?.Lap(LayerKind.Linear);
            Elementwise.Add(x, q, x, options);
            clock?.Lap(LayerKind.ResidualAdd);
            layer.Norm2.Forward(x, x, options);
            clock?.Lap(LayerKind.LayerNorm);
        }

        return x;
    }

    private static float[] Normal(ulong seed, ref ulong stream, int count, float mean, float std)
    {
        var values = new float[count];
        new PhiloxRandom(seed, stream++).FillNormal(values, mean, std);
        return values;
    }

    private static MiniLmNorm Norm(ulong seed, ref ulong stream)
    {
        var norm = new MiniLmNorm();
        norm.SetParameters(Normal(seed, ref stream, Hidden, 1f, 0.1f), Normal(seed, ref stream, Hidden, 0f, 0.1f));
        return norm;
    }

    private static MiniLmResidualNorm ResidualNorm(MiniLmNorm norm)
    {
        var fused = new MiniLmResidualNorm();
        fused.SetParameters(norm.Weight, norm.Bias);
        return fused;
    }

    private static T Linear<T>(T layer, ulong seed, ref ulong stream)
        where T : LinearLayer
    {
        layer.SetParameters(
            Normal(seed, ref stream, layer.OutFeatures * layer.InFeatures, 0f, ProjectionStd),
            Normal(seed, ref stream, layer.OutFeatures, 0f, ProjectionStd));
        return layer;
    }

    /// <summary>One encoder layer: the unfused chain and its fused forms, of the same weights.</summary>
    internal sealed record Layer(
        MiniLmProjection Q,
        MiniLmProjection K,
        MiniLmProjection V,
        MiniLmProjection O,
        MiniLmNorm Norm1,
        MiniLmUp Fc1,
        MiniLmDown Fc2,
        MiniLmNorm Norm2,
        MiniLmUpGelu Fc1Gelu,
        MiniLmResidualNorm Norm1Residual,
        MiniLmResidualNorm Norm2Residual);

    /// <summary>Activations for up to <see cref="Rows"/> rows, and the position id of each row.</summary>
    private sealed class Buffers
    {
        public Buffers(int rows, int sequence)
        {
            Rows = rows;
            Sequence = sequence;
            X = new float[rows * Hidden];
            Q = new float[rows * Hidden];
            K = new float[rows * Hidden];
            V = new float[rows * Hidden];
            A = new float[rows * Hidden];
            Mlp = new float[rows * Intermediate];
            Positions = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                Positions[r] = sequence == 0 ? 0 : r % sequence;
            }
        }

        public int Rows { get; }

        public int Sequence { get; }

        public float[] X { get; }

        public float[] Q { get; }

        public float[] K { get; }

        public float[] V { get; }

        public float[] A { get; }

        public float[] Mlp { get; }

        public int[] Positions { get; }
    }
}
