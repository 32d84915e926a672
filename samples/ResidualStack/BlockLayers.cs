using KernelGen;

namespace ResidualStack;

// The layers of one residual block, declared once: the generator expands each into CPU and GPU
// kernels fixed by these shapes. Every block of the stack owns its own instances.

/// <summary>The blocks' LayerNorm over the model width.</summary>
[LayerNorm(Model.Width)]
public sealed partial class BlockNorm;

/// <summary>
/// The blocks' first projection with its activation, GELU in its erf form (PyTorch's default), applied in the
/// same kernels: the bits of the projection followed by an <c>[Activation(ActivationFunction.Gelu, Model.Width)]</c> layer.
/// </summary>
[Linear(Model.Width, Model.Width, Activation = ActivationFunction.Gelu)]
public sealed partial class BlockLinearGelu;

/// <summary>The blocks' second projection, width → width.</summary>
[Linear(Model.Width, Model.Width)]
public sealed partial class BlockLinear;
