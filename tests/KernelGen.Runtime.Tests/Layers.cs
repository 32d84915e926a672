namespace KernelGen.Runtime.Tests;

[Linear(inFeatures: 1024, outFeatures: 64)]
public sealed partial class Projection1024x64;

[Linear(inFeatures: 61, outFeatures: 3, Bias = false)]
public sealed partial class Small61x3NoBias;
