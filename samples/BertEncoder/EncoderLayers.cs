using KernelGen;

namespace BertEncoder;

// The layers of the encoder, declared once with the model's shapes.

/// <summary>Token embeddings: a vocabulary of 512 ids.</summary>
[Embedding(Encoder.Vocabulary, Encoder.Width, PaddingIndex = 0)]
public sealed partial class WordEmbeddings;

/// <summary>Learned position embeddings for up to 64 positions.</summary>
[Embedding(Encoder.MaxPositions, Encoder.Width)]
public sealed partial class PositionEmbeddings;

/// <summary>The encoder's LayerNorms, each adding its residual first: <c>LayerNorm(x + residual)</c> in one pass.</summary>
[LayerNorm(Encoder.Width, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class EncoderNorm;

/// <summary>The Q, K, V and output projections.</summary>
[Linear(Encoder.Width, Encoder.Width)]
public sealed partial class Projection;

/// <summary>Self-attention over 4 heads of 64.</summary>
[Attention(heads: Encoder.Heads, headDim: Encoder.Width / Encoder.Heads)]
public sealed partial class SelfAttention;

/// <summary>The MLP's expansion, GELU applied to each tile before it is stored.</summary>
[Linear(Encoder.Width, Encoder.Hidden, Activation = ActivationFunction.Gelu)]
public sealed partial class MlpUp;

/// <summary>The MLP's projection back to the model width.</summary>
[Linear(Encoder.Hidden, Encoder.Width)]
public sealed partial class MlpDown;
