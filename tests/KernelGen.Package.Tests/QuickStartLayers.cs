namespace KernelGen.Package.Tests;

/// <summary>The README's layer, declared here too, to compute the bits the fresh project must print.</summary>
[Linear(inFeatures: 1024, outFeatures: 64)]
public sealed partial class Projection;
