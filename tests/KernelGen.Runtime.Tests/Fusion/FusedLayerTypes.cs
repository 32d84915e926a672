namespace KernelGen.Runtime.Tests.Fusion;

// Linear layers with a declared activation, each beside the plain Linear and the [Activation] layer
// whose composition it must equal bit for bit. 7 → 100 carries every function: 100 columns are a
// partial tile on every path and a wide tile plus a partial one for a lone row below Vector512.
// 768 → 3072 is an MLP's first layer (the wide lone-row tile on Vector512, several threads, the
// staged GPU kernel); 4096 → 64 a long chain; 1 → 1 and 3 → 17 the smallest tiles.

[Linear(7, 100, Activation = ActivationFunction.Relu)]
public sealed partial class Relu7x100;

[Linear(7, 100, Activation = ActivationFunction.Gelu)]
public sealed partial class Gelu7x100;

[Linear(7, 100, Activation = ActivationFunction.GeluTanh)]
public sealed partial class GeluTanh7x100;

[Linear(7, 100, Activation = ActivationFunction.Silu)]
public sealed partial class Silu7x100;

[Linear(7, 100, Activation = ActivationFunction.Tanh)]
public sealed partial class Tanh7x100;

[Linear(7, 100, Activation = ActivationFunction.Sigmoid)]
public sealed partial class Sigmoid7x100;

[Linear(1, 1, Activation = ActivationFunction.Sigmoid)]
public sealed partial class Sigmoid1x1;

[Linear(1, 1, Bias = false, Activation = ActivationFunction.Relu)]
public sealed partial class Relu1x1NoBias;

[Linear(3, 17, Activation = ActivationFunction.GeluTanh)]
public sealed partial class GeluTanh3x17;

[Linear(3, 17, Bias = false, Activation = ActivationFunction.Silu)]
public sealed partial class Silu3x17NoBias;

[Linear(768, 3072, Activation = ActivationFunction.Gelu)]
public sealed partial class Gelu768x3072;

[Linear(4096, 64, Activation = ActivationFunction.Tanh)]
public sealed partial class Tanh4096x64;

// The unfused references.

[Linear(7, 100)]
public sealed partial class Plain7x100;

[Linear(1, 1)]
public sealed partial class Plain1x1;

[Linear(1, 1, Bias = false)]
public sealed partial class Plain1x1NoBias;

[Linear(3, 17)]
public sealed partial class Plain3x17;

[Linear(3, 17, Bias = false)]
public sealed partial class Plain3x17NoBias;

[Linear(768, 3072)]
public sealed partial class Plain768x3072;

[Linear(4096, 64)]
public sealed partial class Plain4096x64;

[Activation(ActivationFunction.Relu, 100)]
public sealed partial class Relu100;

[Activation(ActivationFunction.Gelu, 100)]
public sealed partial class Gelu100;

[Activation(ActivationFunction.GeluTanh, 100)]
public sealed partial class GeluTanh100;

[Activation(ActivationFunction.Silu, 100)]
public sealed partial class Silu100;

[Activation(ActivationFunction.Tanh, 100)]
public sealed partial class Tanh100;

[Activation(ActivationFunction.Sigmoid, 100)]
public sealed partial class Sigmoid100;

[Activation(ActivationFunction.Sigmoid, 1)]
public sealed partial class Sigmoid1;

[Activation(ActivationFunction.Relu, 1)]
public sealed partial class Relu1;

[Activation(ActivationFunction.GeluTanh, 17)]
public sealed partial class GeluTanh17;

[Activation(ActivationFunction.Silu, 17)]
public sealed partial class Silu17;

[Activation(ActivationFunction.Gelu, 3072)]
public sealed partial class Gelu3072;

[Activation(ActivationFunction.Tanh, 64)]
public sealed partial class Tanh64;
