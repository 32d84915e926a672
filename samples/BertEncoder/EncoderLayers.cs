using KernelGen;

namespace BertEncoder;

// The layers of the encoder, declared once with the model's shapes.

/// <summary>Token embeddings: a vocabulary of 512 ids.</summary>
[Embedding(Encoder.Vocabulary, Encoder.Width, PaddingIndex = 0)]
public sealed partial class WordEmbeddings;

/// <summary>Learned position embeddings for up to 64 positions.</summary>
[Embedding(Encoder.MaxPositions, Encoder.Width)]
public sealed partial class PositionEmbeddings;

/// <summary>The encoder's LayerNorms.</summary>
[LayerNorm(Encoder.Width)]
public sealed partial class EncoderNorm;

/// <summary>The Q, K, V and output projections.</summary>
[Linear(Encoder.Width, Encoder.Width)]
public sealed partial class Projection;

/// <summary>Self-attention over 4 heads of 64.</summary>
[Attention(heads: Encoder.Heads, headDim: Encoder.Width / Encoder.Heads)]
public sealed partial class SelfAttention;

/// <summary>The MLP's expansion.</summary>
[Linear(Encoder.Width, Encoder.Hidden)]
public sealed partial class MlpUp;

/// <summary>The MLP's activation.</summary>
[Activation(ActivationFunction.Gelu, Encoder.Hidden)]
public sealed partial class MlpGelu;

/// <summary>The MLP's projection back to the model width.</summary>
[Linear(Encoder.Hidden, Encoder.Width)]
public sealed partial class MlpDown;
