using System;

namespace KernelGen;

/// <summary>
/// Declares a fully connected layer, <c>y = x·Wᵀ + b</c>, with the weight stored as
/// <c>[outFeatures, inFeatures]</c> (PyTorch's <c>nn.Linear</c> layout), optionally followed by an
/// element-wise <see cref="Activation"/> fused into its kernels. Apply it to a <c>partial</c> class;
/// the generator makes the class derive from <see cref="LinearLayer"/> and emits its kernels.
/// </summary>
/// <example>
/// <code>
/// [Linear(inFeatures: 1024, outFeatures: 64)]
/// public sealed partial class Projection;
///
/// [Linear(768, 3072, Activation = ActivationFunction.Gelu)] // nn.Sequential(nn.Linear(768, 3072), nn.GELU())
/// public sealed partial class MlpUp;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LinearAttribute : LayerAttribute
{
    // An attribute property cannot be nullable, and ActivationFunction has no "none" member.
    private ActivationFunction? _activation;

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

    /// <summary>
    /// The element-wise function applied to every output after its bias, <c>y = f(x·Wᵀ + b)</c>, as in
    /// <c>nn.Sequential(nn.Linear(…), nn.GELU())</c>. Not set by default: the layer has no activation.
    /// </summary>
    /// <remarks>
    /// <para>The kernels apply <c>f</c> to each output while it is still in the cache (CPU) or in a register
    /// (GPU), and give exactly the bits of this layer without an activation followed by an
    /// <see cref="ActivationAttribute"/> layer of the same function: the canonical FMA chain, the bias
    /// added once, the NaN canonicalized, then the <see cref="DetMath"/> function.</para>
    /// <para>Reading this property when no activation was set throws; check <see cref="HasActivation"/>.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">Read when no activation was set.</exception>
    public ActivationFunction Activation
    {
        get => _activation ?? throw new InvalidOperationException("This [Linear] declares no activation; check HasActivation first.");
        set => _activation = value;
    }

    /// <summary>
    /// The arithmetic of the dot products: <see cref="KernelArithmetic.Bitwise"/> (the default, <c>KG-Bitwise-1</c>: one
    /// FMA chain per output) or <see cref="KernelArithmetic.Exact"/> (<c>KG-Exact-1</c>: exact integer slice products
    /// rounded once, whose value no schedule can change; its weights must be finite). The bias and the activation
    /// follow as in the default tier.
    /// </summary>
    /// <example><c>[Linear(4096, 4096, Arithmetic = KernelArithmetic.Exact)]</c></example>
    public KernelArithmetic Arithmetic { get; set; } = KernelArithmetic.Bitwise;

    /// <summary>Whether <see cref="Activation"/> was set.</summary>
    public bool HasActivation => _activation.HasValue;
}
