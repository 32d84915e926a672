using System;

namespace KernelGen;

/// <summary>
/// Declares a fully connected layer, <c>y = x·Wᵀ + b</c>, with the weight stored as
/// <c>[outFeatures, inFeatures]</c> (PyTorch's <c>nn.Linear</c> layout). Apply it to a
/// <c>partial</c> class; the generator makes the class derive from <see cref="LinearLayer"/> and
/// emits its kernels.
/// </summary>
/// <example>
/// <code>
/// [Linear(inFeatures: 1024, outFeatures: 64)]
/// public sealed partial class Projection;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LinearAttribute : LayerAttribute
{
    /// <summary>Declares a linear layer mapping <paramref name="inFeatures"/> inputs to <paramref name="outFeatures"/> outputs.</summary>
    /// <param name="inFeatures">Length of an input row (the dot-product length K); 1 to 1,048,576.</param>
    /// <param name="outFeatures">Length of an output row (N); 1 to 1,048,576.</param>
    public LinearAttribute(int inFeatures, int outFeatures)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
    }

    /// <summary>Length of an input row.</summary>
    public int InFeatures { get; }

    /// <summary>Length of an output row.</summary>
    public int OutFeatures { get; }

    /// <summary>Whether the layer adds a bias vector after the dot product. Defaults to <see langword="true"/>, as in PyTorch.</summary>
    public bool Bias { get; set; } = true;
}
