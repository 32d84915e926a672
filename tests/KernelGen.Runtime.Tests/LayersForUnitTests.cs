namespace KernelGen.Runtime.Tests;

// Layers for the parameter and argument-checking unit tests: small enough to work out by hand.

/// <summary>5 inputs, 3 outputs, with a bias.</summary>
[Linear(inFeatures: 5, outFeatures: 3)]
public sealed partial class Unit5x3;
