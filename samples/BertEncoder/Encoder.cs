using System;
using KernelGen;

namespace BertEncoder;

/// <summary>
/// A BERT-style encoder: <c>x = LayerNorm(word[ids] + position[0..s))</c>, then per layer
/// <c>x = norm1(x + o(attention(q(x), k(x), v(x))))</c> and <c>x = norm2(x + fc2(gelu(fc1(x))))</c>,
/// with padded keys masked by each sequence's valid length. Parameter names follow the PyTorch module
/// tree of tests/fixtures/make_pytorch_fixtures.py.
/// </summary>
public sealed class Encoder
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
    private readonly Layer[] _layers = new Layer[Depth];
    private readonly SelfAttention _attention = new();
    private readonly MlpGelu _gelu = new();

    public Encoder()
    {
        for (int i = 0; i < Depth; i++)
        {
            _layers[i] = new Layer(new Projection(), new Projection(), new Projection(), new Projection(), new EncoderNorm(), new MlpUp(), new MlpDown(), new EncoderNorm());
        }
    }

    /// <summary>Loads every parameter by its PyTorch name; F16 tensors widen exactly.</summary>
    public static Encoder Load(SafetensorsFile file)
    {
        var encoder = new Encoder();
        encoder._word.LoadParameters(file, "word");
        encoder._position.LoadParameters(file, "position");
        encoder._norm.LoadParameters(file, "norm");
        for (int i = 0; i < Depth; i++)
        {
            Layer layer = encoder._layers[i];
            string prefix = $"layers.{i}";
            layer.Q.LoadParameters(file, $"{prefix}.attention.q");
            layer.K.LoadParameters(file, $"{prefix}.attention.k");
            layer.V.LoadParameters(file, $"{prefix}.attention.v");
            layer.O.LoadParameters(file, $"{prefix}.attention.o");
            layer.Norm1.LoadParameters(file, $"{prefix}.norm1");
            layer.Fc1.LoadParameters(file, $"{prefix}.fc1");
            layer.Fc2.LoadParameters(file, $"{prefix}.fc2");
            layer.Norm2.LoadParameters(file, $"{prefix}.norm2");
        }

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

    /// <summary>Encodes <paramref name="batch"/> sequences of <paramref name="sequence"/> ids on the CPU; returns <c>[batch, sequence, Width]</c>.</summary>
    /// <param name="ids">Token ids, <c>[batch, sequence]</c>; positions at or past a sequence's valid length are padding.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="sequence">Positions per sequence, at most <see cref="MaxPositions"/>.</param>
    /// <param name="validLengths">Real tokens per sequence.</param>
    public float[] Forward(ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths)
    {
        int rows = batch * sequence;
        float[] x = _word.Forward(ids);
        int[] positions = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            positions[r] = r % sequence;
        }

        Elementwise.Add(x, _position.Forward(positions), x);
        _norm.Forward(x, x);
        float[] q = new float[x.Length], k = new float[x.Length], v = new float[x.Length], a = new float[x.Length];
        float[] hidden = new float[rows * Hidden];
        foreach (Layer layer in _layers)
        {
            layer.Q.Forward(x, q);
            layer.K.Forward(x, k);
            layer.V.Forward(x, v);
            _attention.Forward(q, k, v, a, batch, sequence, causal: false, validLengths);
            layer.O.Forward(a, q);
            Elementwise.Add(x, q, x);
            layer.Norm1.Forward(x, x);
            layer.Fc1.Forward(x, hidden);
            _gelu.Forward(hidden, hidden);
            layer.Fc2.Forward(hidden, q);
            Elementwise.Add(x, q, x);
            layer.Norm2.Forward(x, x);
        }

        return x;
    }

    /// <summary>The same computation on <paramref name="device"/>, layer by layer through host spans.</summary>
    public float[] Forward(GpuDevice device, ReadOnlySpan<int> ids, int batch, int sequence, ReadOnlySpan<int> validLengths)
    {
        int rows = batch * sequence;
        using GpuEmbeddingLayer word = _word.ToGpu(device);
        using GpuEmbeddingLayer position = _position.ToGpu(device);
        using GpuRowLayer norm = _norm.ToGpu(device);
        using GpuAttentionLayer attention = _attention.ToGpu(device);
        using GpuRowLayer gelu = _gelu.ToGpu(device);
        float[] x = word.Forward(ids);
        int[] positions = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            positions[r] = r % sequence;
        }

        Elementwise.Add(x, position.Forward(positions), x);
        norm.Forward(x, x);
        float[] a = new float[x.Length];
        foreach (Layer layer in _layers)
        {
            using GpuLinearLayer gq = layer.Q.ToGpu(device), gk = layer.K.ToGpu(device), gv = layer.V.ToGpu(device), go = layer.O.ToGpu(device);
            using GpuLinearLayer up = layer.Fc1.ToGpu(device), down = layer.Fc2.ToGpu(device);
            using GpuRowLayer norm1 = layer.Norm1.ToGpu(device), norm2 = layer.Norm2.ToGpu(device);
            attention.Forward(gq.Forward(x), gk.Forward(x), gv.Forward(x), a, batch, sequence, causal: false, validLengths);
            Elementwise.Add(x, go.Forward(a), x);
            norm1.Forward(x, x);
            Elementwise.Add(x, down.Forward(gelu.Forward(up.Forward(x))), x);
            norm2.Forward(x, x);
        }

        return x;
    }

    private sealed record Layer(Projection Q, Projection K, Projection V, Projection O, EncoderNorm Norm1, MlpUp Fc1, MlpDown Fc2, EncoderNorm Norm2);
}
