using System;

namespace KernelGen;

/// <summary>
/// Declares an embedding table of <see cref="NumEmbeddings"/> rows of <see cref="EmbeddingDim"/> values
/// (PyTorch's <c>nn.Embedding</c>): each id selects its row, copied exactly. Apply it to a
/// <c>partial</c> class; the generator makes it derive from <see cref="EmbeddingLayer"/>.
/// </summary>
/// <example>
/// <code>
/// [Embedding(numEmbeddings: 30522, embeddingDim: 768)]
/// public sealed partial class WordEmbeddings;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <summary>Declares a table of <paramref name="numEmbeddings"/> rows of <paramref name="embeddingDim"/> values.</summary>
    /// <param name="numEmbeddings">The number of ids (rows); 1 to 1,048,576.</param>
    /// <param name="embeddingDim">The length of a row; 1 to 1,048,576.</param>
    public EmbeddingAttribute(int numEmbeddings, int embeddingDim)
    {
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
    }

    /// <summary>The number of ids.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The length of a row.</summary>
    public int EmbeddingDim { get; }

    /// <summary>PyTorch's <c>padding_idx</c>: this id's row starts at zero. −1 (the default) for none.</summary>
    public int PaddingIndex { get; set; } = -1;
}
