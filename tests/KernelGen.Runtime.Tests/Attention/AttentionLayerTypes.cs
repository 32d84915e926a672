namespace KernelGen.Runtime.Tests.Attention;

[Attention(heads: 2, headDim: 8)]
public sealed partial class SmallAttention;

[Attention(heads: 4, headDim: 64)]
public sealed partial class EncoderAttention;

[Attention(heads: 3, headDim: 33)]
public sealed partial class RaggedAttention;

/// <summary>Heads longer than the GPU kernel's staged tile (128 dimensions): scores continue their chains over two parts.</summary>
[Attention(heads: 2, headDim: 136)]
public sealed partial class LongHeadAttention;

[Embedding(numEmbeddings: 50, embeddingDim: 12)]
public sealed partial class SmallEmbedding;

[Embedding(numEmbeddings: 1000, embeddingDim: 256, PaddingIndex = 0)]
public sealed partial class WordEmbedding;
