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

// The same Linear layers in KG-Exact-1 (docs/arithmetic.md, "Exact tier"): each product exact in integers, rounded
// once. Attention, the norms and the embeddings have one arithmetic only.

/// <summary><see cref="Projection"/> in KG-Exact-1.</summary>
[Linear(MiniLm.Width, MiniLm.Width, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class ExactProjection;

/// <summary><see cref="IntermediateDense"/> in KG-Exact-1.</summary>
[Linear(MiniLm.Width, MiniLm.Intermediate, Activation = ActivationFunction.Gelu, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class ExactIntermediateDense;

/// <summary><see cref="OutputDense"/> in KG-Exact-1.</summary>
[Linear(MiniLm.Intermediate, MiniLm.Width, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class ExactOutputDense;

/// <summary><see cref="PoolerDense"/> in KG-Exact-1.</summary>
[Linear(MiniLm.Width, MiniLm.Width, Activation = ActivationFunction.Tanh, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class ExactPoolerDense;

/// <summary>The model's Linear layers in the arithmetic it is loaded with.</summary>
internal static class BertLinears
{
    public static LinearLayer Projection(KernelArithmetic arithmetic) => Exact(arithmetic) ? new ExactProjection() : new Projection();

    public static LinearLayer IntermediateDense(KernelArithmetic arithmetic) => Exact(arithmetic) ? new ExactIntermediateDense() : new IntermediateDense();

    public static LinearLayer OutputDense(KernelArithmetic arithmetic) => Exact(arithmetic) ? new ExactOutputDense() : new OutputDense();

    public static LinearLayer PoolerDense(KernelArithmetic arithmetic) => Exact(arithmetic) ? new ExactPoolerDense() : new PoolerDense();

    private static bool Exact(KernelArithmetic arithmetic) => arithmetic switch
    {
        KernelArithmetic.Bitwise => false,
        KernelArithmetic.Exact => true,
        _ => throw new System.ArgumentOutOfRangeException(nameof(arithmetic), arithmetic, "Not a member of KernelArithmetic: use Bitwise or Exact."),
    };
}
