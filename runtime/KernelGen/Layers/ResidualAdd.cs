namespace KernelGen;

/// <summary>
/// Whether and where a normalization layer adds a residual row, fused into its row kernel
/// (<see cref="LayerNormAttribute.Residual"/>, <see cref="RmsNormAttribute.Residual"/>). The fused layer
/// gives exactly the bits of the separate steps (the same operations in the same order on the same
/// floats) in one pass over memory per row.
/// </summary>
public enum ResidualAdd
{
    /// <summary>No residual: <c>y = Norm(x)</c>, called as <c>Forward(input, output)</c>.</summary>
    None = 0,

    /// <summary>
    /// <c>y = residual + Norm(x)</c>: the residual stream of a transformer block, <c>x = x + ln(t)</c>.
    /// Bits of <c>Elementwise.Add(residual, Norm(x))</c>: each output is <c>residual[i] + norm[i]</c>
    /// rounded once.
    /// </summary>
    AfterNorm = 1,

    /// <summary>
    /// <c>y = Norm(x + residual)</c>: the post-norm block of BERT, <c>LayerNorm(hidden + input)</c>. Bits of
    /// <c>Norm(Elementwise.Add(x, residual))</c>: the row is normalized from the rounded sums.
    /// </summary>
    BeforeNorm = 2,
}
