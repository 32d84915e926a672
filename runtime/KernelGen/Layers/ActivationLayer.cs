namespace KernelGen;

/// <summary>
/// The base of every generated activation layer (<see cref="ActivationAttribute"/>): no parameters,
/// each output the declared <see cref="DetMath"/> function of its input. It may run in place.
/// </summary>
public abstract class ActivationLayer : RowLayer
{
    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="function">The declared function.</param>
    /// <param name="features">The declared row length.</param>
    protected ActivationLayer(ActivationFunction function, int features)
        : base(features, features, parameterCount: 0)
    {
        Function = function;
    }

    /// <summary>The function applied to every element.</summary>
    public ActivationFunction Function { get; }

    /// <summary>The row length.</summary>
    public int Features => InFeatures;

    /// <summary>A warp for every 32 elements: no reduction ties a row to one warp, and DetMath's chains need the threads.</summary>
    internal override int GpuWarpsPerRow => (Features + CanonicalReduction.Lanes - 1) / CanonicalReduction.Lanes;
}
