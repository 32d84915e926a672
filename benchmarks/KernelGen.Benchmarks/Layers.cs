namespace KernelGen.Benchmarks;

// The benchmarked shapes as generated layers. No bias: the peer is a bare MatMul.

/// <summary>The decode and large-GEMM shape: K = N = 4096.</summary>
[Linear(4096, 4096, Bias = false)]
public sealed partial class Linear4096x4096;

/// <summary>The linear-batch shape: K = 1024, N = 64.</summary>
[Linear(1024, 64, Bias = false)]
public sealed partial class Linear1024x64;

/// <summary>The residual block's square projection: K = N = 768.</summary>
[Linear(768, 768, Bias = false)]
public sealed partial class Linear768x768;

/// <summary>The residual block's expansion: K = 768, N = 3072.</summary>
[Linear(768, 3072, Bias = false)]
public sealed partial class Linear768x3072;

/// <summary>Attention scores: Q·Kᵀ of 64-wide heads over 128 keys.</summary>
[MatMul(innerSize: 64, columns: 128)]
public sealed partial class Scores64x128;

/// <summary>A square product of activations, the residual block's width.</summary>
[MatMul(innerSize: 768, columns: 768)]
public sealed partial class Product768x768;

// The exact tier (KG-Exact-1) at the shapes of ExactLinearBenchmarks and the accuracy mode.
[Linear(768, 768, Bias = false, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class ExactLinear768x768;

[Linear(4096, 4096, Bias = false, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class ExactLinear4096x4096;
