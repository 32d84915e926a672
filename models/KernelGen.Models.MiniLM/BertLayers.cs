using KernelGen;

namespace KernelGen.Models.MiniLM;

// The layers, declared once with the model's shapes; the fused ones give the bits of their separate steps.

/// <summary>Token embeddings.</summary>
[Embedding(MiniLm.Vocabulary, MiniLm.Width)]
public sealed partial class WordEmbeddings;

/// <summary>Learned position embeddings.</summary>
[Embedding(MiniLm.MaxPositions, MiniLm.Width)]
public sealed partial class PositionEmbeddings;

/// <summary>Token type (segment) embeddings.</summary>
[Embedding(MiniLm.TokenTypes, MiniLm.Width)]
public sealed partial class TokenTypeEmbeddings;

/// <summary>The embeddings' LayerNorm, which adds the position embeddings first: <c>LN(x + positions)</c>.</summary>
[LayerNorm(MiniLm.Width, Epsilon = MiniLm.NormEpsilon, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class EmbeddingNorm;

/// <summary>The post-LayerNorm of each residual branch: <c>LN(branch + residual)</c> in one pass (BERT's ε is 1e-12).</summary>
[LayerNorm(MiniLm.Width, Epsilon = MiniLm.NormEpsilon, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class PostNorm;

/// <summary>The query, key, value and attention output projections.</summary>
[Linear(MiniLm.Width, MiniLm.Width)]
public sealed partial class Projection;

/// <summary>Self-attention over 12 heads of 32, padded keys masked by each sentence's length.</summary>
[Attention(heads: MiniLm.Heads, headDim: MiniLm.HeadDim)]
public sealed partial class SelfAttention;

/// <summary>The MLP's expansion, GELU (erf form) applied to each tile before it is stored.</summary>
[Linear(MiniLm.Width, MiniLm.Intermediate, Activation = ActivationFunction.Gelu)]
public sealed partial class IntermediateDense;

/// <summary>The MLP's projection back to the model width.</summary>
[Linear(MiniLm.Intermediate, MiniLm.Width)]
public sealed partial class OutputDense;

/// <summary>The pooler's projection, tanh applied to each tile before it is stored.</summary>
[Linear(MiniLm.Width, MiniLm.Width, Activation = ActivationFunction.Tanh)]
public sealed partial class PoolerDense;
