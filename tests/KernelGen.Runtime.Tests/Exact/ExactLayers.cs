namespace KernelGen.Runtime.Tests.Exact;

// Layers of the exact tier: K not a multiple of any vector width (1, 3, 61, 100, 1027), a wide output, a fused
// activation, no bias, and a K longer than the int32 chunk (2^15) and than 2^17.

[Linear(inFeatures: 100, outFeatures: 70, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class Exact100x70;

[Linear(inFeatures: 61, outFeatures: 3, Bias = false, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class Exact61x3NoBias;

[Linear(inFeatures: 1, outFeatures: 1, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class Exact1x1;

[Linear(inFeatures: 3, outFeatures: 130, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class Exact3x130;

[Linear(inFeatures: 1027, outFeatures: 33, Activation = ActivationFunction.Gelu, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class Exact1027x33Gelu;

[Linear(inFeatures: 140_000, outFeatures: 2, Arithmetic = KernelArithmetic.Exact)]
public sealed partial class Exact140000x2;

// The same shape in the default tier, for the tests that compare tiers.
[Linear(inFeatures: 100, outFeatures: 70)]
public sealed partial class Bitwise100x70;
