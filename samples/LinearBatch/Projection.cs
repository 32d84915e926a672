using KernelGen;

namespace LinearBatch;

/// <summary>PyTorch's <c>nn.Linear(1024, 64)</c>, declared once; KernelGen generates its CPU and GPU kernels.</summary>
[Linear(inFeatures: 1024, outFeatures: 64)]
public sealed partial class Projection;
