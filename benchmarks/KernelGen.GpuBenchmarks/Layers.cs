namespace KernelGen.GpuBenchmarks;

// Bias-free, so that the work is exactly the peer's torch.matmul(A, B).
[Linear(4096, 4096, Bias = false)]
internal sealed partial class Linear4096x4096;

[Linear(1024, 64, Bias = false)]
internal sealed partial class Linear1024x64;

[Linear(768, 768, Bias = false)]
internal sealed partial class Linear768x768;

[Linear(768, 3072, Bias = false)]
internal sealed partial class Linear768x3072;

[Linear(1024, 4096, Bias = false)]
internal sealed partial class Linear1024x4096;

// Row layers of the residual stack, for their PTX.
[Activation(ActivationFunction.Gelu, 768)]
internal sealed partial class Gelu768;

[LayerNorm(768)]
internal sealed partial class Norm768;

// The exact tier (KG-Exact-1) at the same shapes, for --exact.
[Linear(4096, 4096, Bias = false, Arithmetic = KernelArithmetic.Exact)]
internal sealed partial class Exact4096x4096;

[Linear(768, 768, Bias = false, Arithmetic = KernelArithmetic.Exact)]
internal sealed partial class Exact768x768;
