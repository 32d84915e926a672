using System;
using KernelGen;

namespace BertEncoder;

/// <summary>
/// A BERT-style encoder: <c>x = LayerNorm(word[ids] + position[0..s))</c>, then per layer
/// <c>x = norm1(x + o(attention(q(x), k(x), v(x))))</c> and <c>x = norm2(x + fc2(gelu(fc1(x))))</c>,
/// with padded keys masked by each sequence's valid length. A module: its state-dict names come from its
/// members and follow the PyTorch module tree of tests/fixtures/make_pytorch_fixtures.py
/// (<c>layers.2.attention.q.weight</c>), and one <see cref="Forward"/> runs on the CPU or, after
/// <c>To(gpu)</c>, on the GPU with the same bits.
/// </summary>
[Module]
public sealed partial class Encoder : Module
{
    public const int Vocabulary = 512;
    public const int MaxPositions = 64;
    public const int Width = 256;
    public const int Heads = 4;
    public const int Hidden = 512;
    public const int Depth = 4;

    private readonly WordEmbeddings _word = new();
    private readonly PositionEmbeddings _position = new();
    private readonly EncoderNorm _norm = new();
    private readonly EncoderLayer[] _layers = [new(), new(), new(), new()];

    /// <summary>Loads every parameter by its PyTorch name (strict: every tensor present, none extra, every shape right); F16 tensors widen exactly.</summary>
    /// <exception cref="StateDictMismatchException">The file does not hold exactly this encoder's tensors.</exception>
    public static Encoder Load(SafetensorsFile file)
    {
        var encoder = new Encoder();
        encoder.LoadStateDict(file);
        return encoder;
    }

    /// <summary>
    /// Random fp16 weights from Philox (the same on every machine): every parameter is drawn in float32
    /// and rounded to the nearest half, as a model stored in fp16 would be, then widened exactly.
    /// </summary>
    public static Encoder CreateFp16(ulong seed)
    {
        var writer = new SafetensorsWriter();
        ulong stream = 0;
        void Add(string name, int[] shape, float mean, float std)
        {
            int count = 1;
            foreach (int extent in shape)
            {
                count *= extent;
            }

            var values = new float[count];
            new PhiloxRandom(seed, stream++).FillNormal(values, mean, std);
            writer.Add(name, values, shape, SafetensorsDType.F16); // rounded to nearest-even halves
        }

        Add("word.weight", [Vocabulary, Width], 0f, 1f);
        Add("position.weight", [MaxPositions, Width], 0f, 1f);
        Add("norm.weight", [Width], 1f, 0.1f);
        Add("norm.bias", [Width], 0f, 0.1f);
        for (int i = 0; i < Depth; i++)
        {
            foreach (string p in new[] { "q", "k", "v", "o" })
            {
                Add($"layers.{i}.attention.{p}.weight", [Width, Width], 0f, 0.05f);
                Add($"layers.{i}.attention.{p}.bias", [Width], 0f, 0.05f);
            }

            Add($"layers.{i}.norm1.weight", [Width], 1f, 0.1f);
            Add($"layers.{i}.norm1.bias", [Width], 0f, 0.1f);
            Add($"layers.{i}.fc1.weight", [Hidden, Width], 0f, 0.05f);
            Add($"layers.{i}.fc1.bias", [Hidden], 0f, 0.05f);
            Add($"layers.{i}.fc2.weight", [Width, Hidden], 0f, 0.05f);
            Add($"layers.{i}.fc2.bias", [Width], 0f, 0.05f);
            Add($"layers.{i}.norm2.weight", [Width], 1f, 0.1f);
            Add($"layers.{i}.norm2.bias", [Width], 0f, 0.1f);
        }

        using SafetensorsFile file = SafetensorsFile.FromBytes(writer.ToArray());
        return Load(file);
    }

    /// <summary>
    /// Encodes <paramref name="batch"/> sequences of <paramref name="sequence"/> ids on the encoder's
    /// <see cref="Module.Device"/>; returns <c>(batch, sequence, Width)</c> there.
    /// </summary>
    /// <param name="ids">Token ids, <c>[batch, sequence]</c>; positions at or past a sequence's valid length are padding.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="sequence">Positions per sequence, at most <see cref="MaxPositions"/>.</param>
    /// <param name="validLengths">Real tokens per sequence.</param>
    public Tensor Forward(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths)
    {
        using var scope = TensorScope.Begin();
        Tensor x = _norm.Forward(_word.Forward(ids, Device, batch, sequence), _position.ForwardPositions(Device, batch, sequence));
        foreach (EncoderLayer layer in _layers)
        {
            x = layer.Forward(x, validLengths);
        }

        return scope.Keep(x);
    }

    /// <summary><see cref="Forward"/>, with the result copied to the host.</summary>
    public float[] Encode(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths)
    {
        using Tensor output = Forward(ids, batch, sequence, validLengths);
        return output.ToArray();
    }
}

/// <summary>One post-norm layer: attention, then the MLP, each added to the stream before its LayerNorm.</summary>
[Module]
public sealed partial class EncoderLayer : Module
{
    private readonly AttentionBlock _attention = new();
    private readonly EncoderNorm _norm1 = new();
    private readonly MlpUp _fc1 = new();
    private readonly MlpDown _fc2 = new();
    private readonly EncoderNorm _norm2 = new();

    /// <summary><c>x = norm1(x + attention(x)); x = norm2(x + fc2(gelu(fc1(x))))</c>.</summary>
    public Tensor Forward(Tensor x, ReadOnlySpan<int> validLengths)
    {
        using var scope = TensorScope.Begin();
        x = _norm1.Forward(x, _attention.Forward(x, validLengths));
        return scope.Keep(_norm2.Forward(x, _fc2.Forward(_fc1.Forward(x))));
    }
}

/// <summary>The Q, K, V and output projections around self-attention.</summary>
[Module]
public sealed partial class AttentionBlock : Module
{
    private readonly Projection _q = new();
    private readonly Projection _k = new();
    private readonly Projection _v = new();
    private readonly Projection _o = new();
    private readonly SelfAttention _scores = new();

    /// <summary><c>o(attention(q(x), k(x), v(x)))</c>, padded keys masked.</summary>
    public Tensor Forward(Tensor x, ReadOnlySpan<int> validLengths) =>
        _o.Forward(_scores.Forward(_q.Forward(x), _k.Forward(x), _v.Forward(x), causal: false, validLengths));
}
