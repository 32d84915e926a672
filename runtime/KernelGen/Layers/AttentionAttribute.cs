using System;

namespace KernelGen;

/// <summary>
/// Declares scaled dot-product multi-head attention with <see cref="Heads"/> heads of
/// <see cref="HeadDim"/> values (the core of PyTorch's <c>nn.MultiheadAttention</c> and
/// <c>F.scaled_dot_product_attention</c>; the Q, K, V and output projections are separate
/// <see cref="LinearAttribute"/> layers). Apply it to a <c>partial</c> class; the generator makes it
/// derive from <see cref="AttentionLayer"/>.
/// </summary>
/// <example>
/// <code>
/// [Attention(heads: 12, headDim: 64)]
/// public sealed partial class SelfAttention;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AttentionAttribute : LayerAttribute
{
    /// <summary>Declares attention with <paramref name="heads"/> heads of <paramref name="headDim"/> values.</summary>
    /// <param name="heads">The number of heads; 1 to 1,048,576.</param>
    /// <param name="headDim">The length of a head's query, key and value; 1 to 1,048,576.</param>
    public AttentionAttribute(int heads, int headDim)
    {
        Heads = heads;
        HeadDim = headDim;
    }

    /// <summary>The number of heads.</summary>
    public int Heads { get; }

    /// <summary>The length of a head's query, key and value.</summary>
    public int HeadDim { get; }
}
