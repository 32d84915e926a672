namespace KernelGen.Runtime.Tests.Sharding;

// The layer split by the column-parallel tests, and the shapes of its shards: 100 columns cut at 17, 33, 50 and 67,
// none of them a multiple of a tile's width (each shard type compiles its own kernels, so there are few).
[Linear(70, 100, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitLinear;

[Linear(70, 17, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitColumns17;

[Linear(70, 33, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitColumns33;

[Linear(70, 50, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitColumns50;

[Linear(70, 67, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitColumns67;

// Shards that do not fit SplitLinear, for the argument checks.
[Linear(35, 100, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitHalfK;

[Linear(70, 50)]
public sealed partial class SplitColumns50NoActivation;

[Linear(70, 50, Bias = false, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitColumns50NoBias;

// A layer of two columns, to split over more shards than it has columns, and the shape of a one-column shard.
[Linear(70, 2, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitNarrow;

[Linear(70, 1, Activation = ActivationFunction.Gelu)]
public sealed partial class SplitColumns1;

// The same split in the exact tier (KG-Exact-1 scales each weight row by its own power of two, so columns split freely).
[Linear(70, 100, Activation = ActivationFunction.Gelu, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class SplitLinearExact;

[Linear(70, 33, Activation = ActivationFunction.Gelu, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class SplitColumns33Exact;

[Linear(70, 67, Activation = ActivationFunction.Gelu, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class SplitColumns67Exact;
