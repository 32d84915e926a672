using System;
using System.Collections.Generic;
using KernelGen.Generated;

namespace KernelGen.Runtime.Tests.Modules;

// The layers of the test modules: one of each kind that has a tensor Forward on both devices.
[Embedding(numEmbeddings: 20, embeddingDim: 6)]
public sealed partial class TinyEmbedding;

[Attention(heads: 2, headDim: 3)]
public sealed partial class TinyAttention;

[RmsNorm(6)]
public sealed partial class TinyPreNorm;

[Linear(6, 8, Activation = ActivationFunction.Gelu)]
public sealed partial class TinyUp;

[Linear(8, 6)]
public sealed partial class TinyDown;

[Activation(ActivationFunction.Tanh, 6)]
public sealed partial class TinyTanh;

[LayerNorm(6, Residual = ResidualAdd.AfterNorm)]
public sealed partial class TinyResidualNorm;

[Linear(6, 3, Bias = false)]
public sealed partial class TinyHead;

[BatchNorm1d(3)]
public sealed partial class TinyBatchNorm;

[Softmax(3)]
public sealed partial class TinySoftmax;

[MatMul(innerSize: 6, columns: 5)]
public sealed partial class TinyMatMul;

/// <summary>
/// A residual block written as a user would, with the <c>CollectChildren</c> override the source generator
/// writes for a <c>[Module]</c> class (written by hand here, so the tests do not depend on the generator).
/// </summary>
public sealed class TinyBlock : Module
{
    public TinyBlock(ulong seed)
    {
        Fc1 = new TinyUp(seed);
        Fc2 = new TinyDown(seed + 1);
        PreNorm.SetParameters(Values.Uniform(6, seed + 2, 0.5f, 1.5f));
        Norm.SetParameters(Values.Uniform(6, seed + 3, 0.5f, 1.5f), Values.Uniform(6, seed + 4, -0.5f, 0.5f));
    }

    public TinyAttention Attention { get; } = new();

    public TinyPreNorm PreNorm { get; } = new();

    public TinyUp Fc1 { get; }

    public TinyDown Fc2 { get; }

    public TinyTanh Act { get; } = new();

    public TinyResidualNorm Norm { get; } = new();

    /// <summary><c>x + LayerNorm(tanh(fc2(gelu(fc1(rms(x + attention(x)))))))</c>.</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = TensorScope.Begin();
        Tensor attended = Attention.Forward(x, x, x, causal: true);
        Tensor h = PreNorm.Forward(x + attended);
        Tensor down = Fc2.Forward(Fc1.Forward(h));
        return scope.Keep(Norm.Forward(Act.Forward(down), x));
    }

    protected internal override void CollectChildren(ModuleChildren children)
    {
        children.Add("attention", Attention);
        children.Add("pre_norm", PreNorm);
        children.Add("fc1", Fc1);
        children.Add("fc2", Fc2);
        children.Add("act", Act);
        children.Add("norm", Norm);
    }
}

/// <summary>Embedding, two blocks in a list, a head, a BatchNorm over the logits and a softmax.</summary>
public sealed class TinyModel : Module
{
    public TinyModel(ulong seed = 1)
    {
        Embeddings.SetParameters(Values.Uniform(20 * 6, seed, -1f, 1f));
        Blocks = [new TinyBlock(seed + 10), new TinyBlock(seed + 20)];
        Head = new TinyHead(seed + 30);
        Norm.SetState(
            Values.Uniform(3, seed + 31, 0.5f, 1.5f),
            Values.Uniform(3, seed + 32, -0.5f, 0.5f),
            Values.Uniform(3, seed + 33, -0.5f, 0.5f),
            Values.Uniform(3, seed + 34, 0.5f, 2f),
            numBatchesTracked: 7);
    }

    public TinyEmbedding Embeddings { get; } = new();

    public List<TinyBlock> Blocks { get; }

    public TinyHead Head { get; }

    public TinyBatchNorm Norm { get; } = new();

    public TinySoftmax Probabilities { get; } = new();

    /// <summary>Probabilities of shape <c>(batch · sequence, 3)</c> for <paramref name="ids"/> <c>(batch, sequence)</c>, on <paramref name="device"/>.</summary>
    public Tensor Forward(ReadOnlySpan<int> ids, int batch, int sequence, Device device)
    {
        using var scope = TensorScope.Begin();
        Tensor x = Embeddings.Forward(ids, device, batch, sequence);
        foreach (TinyBlock block in Blocks)
        {
            x = block.Forward(x);
        }

        Tensor logits = Head.Forward(x).Reshape(batch * sequence, 3);
        return scope.Keep(Probabilities.Forward(Norm.Forward(logits)));
    }

    protected internal override void CollectChildren(ModuleChildren children)
    {
        children.Add("embeddings", Embeddings);
        children.AddList("blocks", Blocks);
        children.Add("head", Head);
        children.Add("norm", Norm);
        children.Add("probabilities", Probabilities);
    }
}

/// <summary>Deterministic test values.</summary>
internal static class Values
{
    public static float[] Uniform(int length, ulong seed, float low, float high)
    {
        var values = new float[length];
        new PhiloxRandom(seed, stream: 0).Fill(values, low, high);
        return values;
    }

    public static int[] Ids(int length, ulong seed)
    {
        float[] draws = Uniform(length, seed, 0f, 20f);
        return Array.ConvertAll(draws, draw => Math.Min(19, (int)draw));
    }
}
