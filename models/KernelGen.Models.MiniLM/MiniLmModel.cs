using System;
using KernelGen;

namespace KernelGen.Models.MiniLM;

/// <summary>
/// all-MiniLM-L6-v2, the sentence encoder of sentence-transformers: BERT with 6 layers of width 384,
/// 12 heads of 32, an MLP of 1536 with GELU (erf), post-LayerNorm (ε 1e-12), learned position and token
/// type embeddings. A module of KernelGen's layers, laid out as Hugging Face's <c>BertModel</c> so that its
/// state-dict names are the checkpoint's (<c>encoder.layer.3.attention.self.query.weight</c>); a sentence's
/// output has the same bits alone, in any batch, with any padding and on any device. The pooler is part of
/// <c>BertModel</c>'s state dict, so it is declared and loaded; sentence embeddings pool the last hidden state
/// instead (<c>SentencePooling</c>), as sentence-transformers does.
/// </summary>
[Module]
public sealed partial class MiniLm : Module
{
    /// <summary>WordPiece vocabulary size: token ids run from 0 to 30521.</summary>
    public const int Vocabulary = 30522;
    /// <summary>Learned positions: the longest sequence the model takes, in tokens.</summary>
    public const int MaxPositions = 512;
    /// <summary>Token types (segments); sentence embeddings use type 0 only.</summary>
    public const int TokenTypes = 2;
    /// <summary>The hidden width, and the length of a sentence embedding.</summary>
    public const int Width = 384;
    /// <summary>Attention heads per layer.</summary>
    public const int Heads = 12;
    /// <summary>The width of one attention head.</summary>
    public const int HeadDim = Width / Heads;
    /// <summary>The MLP's inner width.</summary>
    public const int Intermediate = 1536;
    /// <summary>Encoder layers.</summary>
    public const int Depth = 6;
    /// <summary>The LayerNorms' ε.</summary>
    public const float NormEpsilon = 1e-12f;

    private readonly BertEmbeddings _embeddings = new();
    private readonly BertEncoder _encoder;
    private readonly BertPooler _pooler;

    private MiniLm(KernelArithmetic arithmetic)
    {
        _encoder = new BertEncoder(arithmetic);
        _pooler = new BertPooler(arithmetic);
        Arithmetic = arithmetic;
    }

    /// <summary>
    /// The arithmetic of the model's Linear layers: <see cref="KernelArithmetic.Bitwise"/> (KG-Bitwise-1, the
    /// default) or <see cref="KernelArithmetic.Exact"/> (KG-Exact-1). Attention, the norms and the embeddings
    /// compute the same way in both; the two give different bits, each fixed for every batch, thread and device.
    /// </summary>
    public KernelArithmetic Arithmetic { get; }

    /// <summary>
    /// Loads the model from an ONNX export: its initializers, with MatMul weights given back their PyTorch
    /// names and layout. Strict: any BERT of these dimensions loads; another file gets one error listing every
    /// missing, unexpected or mis-shaped tensor with the shape it has and the shape needed.
    /// </summary>
    /// <param name="onnx">The ONNX file.</param>
    /// <param name="arithmetic">The arithmetic of the Linear layers (see <see cref="Arithmetic"/>).</param>
    /// <exception cref="StateDictMismatchException">The file is not a BERT of MiniLM's dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="arithmetic"/> is not a member of <see cref="KernelArithmetic"/>.</exception>
    public static MiniLm Load(OnnxFile onnx, KernelArithmetic arithmetic = KernelArithmetic.Bitwise)
    {
        var model = new MiniLm(arithmetic);
        model.LoadStateDict(onnx);
        return model;
    }

    /// <summary>Loads the model from a state dict with Hugging Face's <c>BertModel</c> names.</summary>
    /// <param name="state">The state dict.</param>
    /// <param name="arithmetic">The arithmetic of the Linear layers (see <see cref="Arithmetic"/>).</param>
    /// <exception cref="StateDictMismatchException">The file is not a BERT of MiniLM's dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="arithmetic"/> is not a member of <see cref="KernelArithmetic"/>.</exception>
    public static MiniLm Load(SafetensorsFile state, KernelArithmetic arithmetic = KernelArithmetic.Bitwise)
    {
        var model = new MiniLm(arithmetic);
        model.LoadStateDict(state);
        return model;
    }

    /// <summary>
    /// Encodes <paramref name="batch"/> sequences of <paramref name="sequence"/> token ids on the model's
    /// <see cref="Module.Device"/>; returns the last hidden state, <c>(batch, sequence, Width)</c>, on that device.
    /// Positions at or past a sequence's valid length are padding: no real token attends to them, and they
    /// never change a real token's bits.
    /// </summary>
    /// <param name="ids">Token ids, <c>[batch, sequence]</c>.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="sequence">Positions per sequence, 1 to <see cref="MaxPositions"/>.</param>
    /// <param name="validLengths">Real tokens per sequence (the attention mask's ones, all at the start).</param>
    /// <param name="options">Threads and SIMD path on the CPU; they never change the bits.</param>
    public Tensor Forward(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxPositions);
        if (ids.Length != batch * sequence)
        {
            throw new ArgumentException($"ids has {ids.Length} values; batch {batch} × sequence {sequence} needs {batch * sequence}.", nameof(ids));
        }

        using var scope = TensorScope.Begin();
        Tensor x = _embeddings.Forward(ids, batch, sequence, options);
        return scope.Keep(_encoder.Forward(x, validLengths, options));
    }

    /// <summary><see cref="Forward"/>, with the last hidden state copied to the host.</summary>
    public float[] Encode(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths, CpuExecutionOptions? options = null)
    {
        using Tensor hidden = Forward(ids, batch, sequence, validLengths, options);
        return hidden.ToArray();
    }
}
