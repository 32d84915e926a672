namespace KernelGen.Runtime.Tests;

// Layers used by the invariance tests. Shapes cover tails of every tile width (1, 3, 61, 1023),
// exact multiples (64), and a K larger than 4096 (one long chain).

[Linear(inFeatures: 1024, outFeatures: 64)]
public sealed partial class Projection1024x64;

[Linear(inFeatures: 61, outFeatures: 3, Bias = false)]
public sealed partial class Small61x3NoBias;

[Linear(inFeatures: 1, outFeatures: 1)]
public sealed partial class Tiny1x1;

[Linear(inFeatures: 3, outFeatures: 1023)]
public sealed partial class Wide3x1023;

[Linear(inFeatures: 4097, outFeatures: 61)]
public sealed partial class Long4097x61;

[Linear(inFeatures: 64, outFeatures: 300)]
public sealed partial class Square64x300;

[Linear(inFeatures: 64, outFeatures: 128)]
public sealed partial class Medium64x128;


// K a multiple of 4 but not of a k-slice (16 or 32): the 16-byte input path with a partial last slice.
[Linear(inFeatures: 100, outFeatures: 70)]
public sealed partial class Odd100x70;
