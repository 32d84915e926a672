namespace KernelGen.Runtime.Tests.Weights;

// Layers for the safetensors binding tests.

/// <summary>nn.Linear(4, 3).</summary>
[Linear(inFeatures: 4, outFeatures: 3)]
public sealed partial class Weights4x3;

/// <summary>nn.Linear(4, 3, bias=False).</summary>
[Linear(inFeatures: 4, outFeatures: 3, Bias = false)]
public sealed partial class Weights4x3NoBias;
