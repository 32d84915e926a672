namespace KernelGen.Runtime.Tests.BatchNorm;

[BatchNorm1d(4)]
public sealed partial class Norm1d4;

[BatchNorm2d(3, Epsilon = 1e-3f, Momentum = 0.25f)]
public sealed partial class Norm2d3;

[BatchNorm1d(5, Affine = false)]
public sealed partial class Norm1d5Plain;

[BatchNorm1d(40)]
public sealed partial class Norm1d40;
