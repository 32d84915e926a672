namespace KernelGen;

/// <summary>
/// An element-wise function as a type, so that a kernel generic over it is specialized to that one
/// function at compile time (a run-time switch would compile every function into every kernel).
/// </summary>
public interface IElementFunction
{
    /// <summary>The function of <paramref name="x"/>.</summary>
    float Apply(float x);
}

/// <summary><see cref="ActivationKernels.Relu(float)"/>.</summary>
public readonly struct ReluFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => ActivationKernels.Relu(x);
}

/// <summary><see cref="DetMath.Gelu{TMath}(float)"/>.</summary>
public readonly struct GeluFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Gelu<TMath>(x);
}

/// <summary><see cref="DetMath.GeluTanh{TMath}(float)"/>.</summary>
public readonly struct GeluTanhFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.GeluTanh<TMath>(x);
}

/// <summary><see cref="DetMath.Silu{TMath}(float)"/>.</summary>
public readonly struct SiluFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Silu<TMath>(x);
}

/// <summary><see cref="DetMath.Tanh{TMath}(float)"/>.</summary>
public readonly struct TanhFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Tanh<TMath>(x);
}

/// <summary><see cref="DetMath.Sigmoid{TMath}(float)"/>.</summary>
public readonly struct SigmoidFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Sigmoid<TMath>(x);
}
