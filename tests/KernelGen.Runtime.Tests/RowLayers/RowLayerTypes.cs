namespace KernelGen.Runtime.Tests.RowLayers;

// Row-wise layers under test. Lengths cover a row shorter than one lane set (5, 1), a ragged
// tail (33, 100) and a model width (768).

[LayerNorm(768)]
public sealed partial class Norm768;

[LayerNorm(33, ElementwiseAffine = false)]
public sealed partial class Norm33Plain;

[LayerNorm(5, Bias = false, Epsilon = 1e-3f)]
public sealed partial class Norm5NoBias;

[RmsNorm(100)]
public sealed partial class Rms100;

[RmsNorm(1, ElementwiseAffine = false, Epsilon = 1e-6f)]
public sealed partial class Rms1Plain;
