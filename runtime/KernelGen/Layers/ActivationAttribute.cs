using System;

namespace KernelGen;

/// <summary>
/// Declares an element-wise activation over rows of <see cref="Features"/> values. Apply it to a
/// <c>partial</c> class; the generator makes it derive from <see cref="ActivationLayer"/>. Every
/// function is from <see cref="DetMath"/> (correctly rounded where stated there), so CPU and GPU
/// give the same bits.
/// </summary>
/// <example>
/// <code>
/// [Activation(ActivationFunction.Gelu, features: 3072)]
/// public sealed partial class MlpActivation;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ActivationAttribute : LayerAttribute
{
    /// <summary>Declares <paramref name="function"/> applied to rows of <paramref name="features"/> values.</summary>
    /// <param name="function">The function.</param>
    /// <param name="features">The row length; 1 to 1,048,576.</param>
    public ActivationAttribute(ActivationFunction function, int features)
    {
        Function = function;
        Features = features;
    }

    /// <summary>The function.</summary>
    public ActivationFunction Function { get; }

    /// <summary>The row length.</summary>
    public int Features { get; }
}
