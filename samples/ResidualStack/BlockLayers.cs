using KernelGen;

namespace ResidualStack;

// The layers of one residual block, declared once: the generator expands each into CPU and GPU
// kernels fixed by these shapes. Every block of the stack owns its own instances.

/// <summary>The blocks' LayerNorm over the model width.</summary>
[LayerNorm(Model.Width)]
public sealed partial class BlockNorm;

/// <summary>The blocks' two projections, width → width.</summary>
[Linear(Model.Width, Model.Width)]
public sealed partial class BlockLinear;

/// <summary>The blocks' activation, GELU in its erf form (PyTorch's default).</summary>
[Activation(ActivationFunction.Gelu, Model.Width)]
public sealed partial class BlockGelu;
