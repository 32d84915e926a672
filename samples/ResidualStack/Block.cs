using System;
using KernelGen;

namespace ResidualStack;

/// <summary>
/// One residual block, <c>x + ln2(fc2(gelu(fc1(ln1(x)))))</c>, with the GELU fused into fc1. Its children are
/// listed by the generator under PyTorch's names (<c>ln1</c>, <c>fc1</c>, <c>fc2</c>, <c>ln2</c>); the same
/// <see cref="Forward(Tensor)"/> runs on the host and on a GPU, on whatever device its input lives.
/// </summary>
[Module]
internal sealed partial class Block : Module
{
    private readonly BlockNorm _ln1 = new();
    private readonly BlockLinearGelu _fc1;
    private readonly BlockLinear _fc2;
    private readonly BlockNorm _ln2 = new();

    public Block(BlockLinearGelu fc1, BlockLinear fc2)
    {
        _fc1 = fc1;
        _fc2 = fc2;
    }

    /// <summary>The kinds of step that <see cref="Forward(Tensor, Func{BlockStep, Func{Tensor}, Tensor})"/> names, for profiling.</summary>
    internal enum BlockStep
    {
        LayerNorm,
        LinearGelu,
        Linear,
        ResidualAdd,
    }

    /// <summary>The block on <paramref name="x"/>'s device; the intermediate tensors go back to the pool.</summary>
    public Tensor Forward(Tensor x) => Forward(x, static (_, step) => step());

    /// <summary>The block, with each step run through <paramref name="run"/> (which may time it).</summary>
    internal Tensor Forward(Tensor x, Func<BlockStep, Func<Tensor>, Tensor> run)
    {
        using var scope = TensorScope.Begin();
        Tensor h = run(BlockStep.LayerNorm, () => _ln1.Forward(x));
        h = run(BlockStep.LinearGelu, () => _fc1.Forward(h)); // and the GELU
        h = run(BlockStep.Linear, () => _fc2.Forward(h));
        h = run(BlockStep.LayerNorm, () => _ln2.Forward(h));
        return scope.Keep(run(BlockStep.ResidualAdd, () => x + h));
    }
}
