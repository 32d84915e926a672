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

[Activation(ActivationFunction.Gelu, 768)]
public sealed partial class Gelu768;

[Activation(ActivationFunction.GeluTanh, 33)]
public sealed partial class GeluTanh33;

[Activation(ActivationFunction.Relu, 5)]
public sealed partial class Relu5;

[Activation(ActivationFunction.Silu, 64)]
public sealed partial class Silu64;

[Activation(ActivationFunction.Tanh, 100)]
public sealed partial class Tanh100;

[Activation(ActivationFunction.Sigmoid, 1)]
public sealed partial class Sigmoid1;

[Softmax(1000)]
public sealed partial class Softmax1000;

[Softmax(7)]
public sealed partial class Softmax7;

[LogSoftmax(100)]
public sealed partial class LogSoftmax100;

// Longer than a warp's registers hold (LaneRow.Capacity = 1024): the GPU kernels read the row at each pass.
[Softmax(1500)]
public sealed partial class Softmax1500;

[LogSoftmax(1100)]
public sealed partial class LogSoftmax1100;

[LayerNorm(2000)]
public sealed partial class Norm2000;

[LayerNorm(1000, Residual = ResidualAdd.AfterNorm)]
public sealed partial class NormResidualAfter1000;

[RmsNorm(33, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class RmsResidualBefore33;
