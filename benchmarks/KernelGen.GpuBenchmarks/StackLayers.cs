namespace KernelGen.GpuBenchmarks;

// The residual stack's layers, x = x + LN2(Linear2(GELU(Linear1(LN1(x))))) at width 768, in both declarations:
// fused (GELU in Linear1's epilogue, the residual add in LN2's pass: 4 launches a block) and unfused (6 a block).

/// <summary>LN1, and LN2 of the unfused block.</summary>
[LayerNorm(ResidualStackShape.Width)]
internal sealed partial class StackNorm;

/// <summary>LN2 of the fused block: y = x + LN2(t) in one pass.</summary>
[LayerNorm(ResidualStackShape.Width, Residual = ResidualAdd.AfterNorm)]
internal sealed partial class StackNormResidual;

/// <summary>Linear1 of the fused block, GELU in its epilogue.</summary>
[Linear(ResidualStackShape.Width, ResidualStackShape.Width, Activation = ActivationFunction.Gelu)]
internal sealed partial class StackLinearGelu;

/// <summary>Linear2, and Linear1 of the unfused block.</summary>
[Linear(ResidualStackShape.Width, ResidualStackShape.Width)]
internal sealed partial class StackLinear;

/// <summary>The unfused block's GELU.</summary>
[Activation(ActivationFunction.Gelu, ResidualStackShape.Width)]
internal sealed partial class StackGelu;

/// <summary>The stack's shape: PyTorch's (1, 1024, 768) input, 20 blocks.</summary>
internal static class ResidualStackShape
{
    public const int Width = 768;
    public const int Depth = 20;
    public const int Sequence = 1024;
    public const float WeightStd = 0.2f;
    public const ulong WeightSeed = 20261202;
    public const ulong InputSeed = 7;
}
