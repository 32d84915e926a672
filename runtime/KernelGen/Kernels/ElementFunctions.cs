using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>
/// An element-wise function as a type, so that a kernel generic over it is specialized to that one
/// function at compile time (a run-time switch would compile every function into every kernel).
/// </summary>
/// <remarks>
/// The vector forms are the CPU's: every lane gives exactly the bits of <see cref="Apply(float)"/> with
/// <see cref="CpuMath"/> (and so of every other device). GPU kernels call <see cref="Apply(float)"/> only.
/// </remarks>
public interface IElementFunction
{
    /// <summary>The function of <paramref name="x"/>.</summary>
    float Apply(float x);

    /// <summary>The function of each lane of <paramref name="x"/> (AVX-512).</summary>
    Vector512<float> Apply(Vector512<float> x);

    /// <summary>The function of each lane of <paramref name="x"/> (AVX2 with FMA3).</summary>
    Vector256<float> Apply(Vector256<float> x);

    /// <summary>The function of each lane of <paramref name="x"/> (SSE with FMA3, or Arm AdvSIMD).</summary>
    Vector128<float> Apply(Vector128<float> x);
}

/// <summary><see cref="ActivationKernels.Relu(float)"/>.</summary>
public readonly struct ReluFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => ActivationKernels.Relu(x);

    /// <inheritdoc/>
    public Vector512<float> Apply(Vector512<float> x) => ActivationKernels.Relu(x);

    /// <inheritdoc/>
    public Vector256<float> Apply(Vector256<float> x) => ActivationKernels.Relu(x);

    /// <inheritdoc/>
    public Vector128<float> Apply(Vector128<float> x) => ActivationKernels.Relu(x);
}

/// <summary><see cref="DetMath.Gelu{TMath}(float)"/>.</summary>
public readonly struct GeluFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Gelu<TMath>(x);

    /// <inheritdoc/>
    public Vector512<float> Apply(Vector512<float> x) => DetMath.Gelu(x);

    /// <inheritdoc/>
    public Vector256<float> Apply(Vector256<float> x) => DetMath.Gelu(x);

    /// <inheritdoc/>
    public Vector128<float> Apply(Vector128<float> x) => DetMath.Gelu(x);
}

/// <summary><see cref="DetMath.GeluTanh{TMath}(float)"/>.</summary>
public readonly struct GeluTanhFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.GeluTanh<TMath>(x);

    /// <inheritdoc/>
    public Vector512<float> Apply(Vector512<float> x) => DetMath.GeluTanh(x);

    /// <inheritdoc/>
    public Vector256<float> Apply(Vector256<float> x) => DetMath.GeluTanh(x);

    /// <inheritdoc/>
    public Vector128<float> Apply(Vector128<float> x) => DetMath.GeluTanh(x);
}

/// <summary><see cref="DetMath.Silu{TMath}(float)"/>.</summary>
public readonly struct SiluFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Silu<TMath>(x);

    /// <inheritdoc/>
    public Vector512<float> Apply(Vector512<float> x) => DetMath.Silu(x);

    /// <inheritdoc/>
    public Vector256<float> Apply(Vector256<float> x) => DetMath.Silu(x);

    /// <inheritdoc/>
    public Vector128<float> Apply(Vector128<float> x) => DetMath.Silu(x);
}

/// <summary><see cref="DetMath.Tanh{TMath}(float)"/>.</summary>
public readonly struct TanhFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Tanh<TMath>(x);

    /// <inheritdoc/>
    public Vector512<float> Apply(Vector512<float> x) => DetMath.Tanh(x);

    /// <inheritdoc/>
    public Vector256<float> Apply(Vector256<float> x) => DetMath.Tanh(x);

    /// <inheritdoc/>
    public Vector128<float> Apply(Vector128<float> x) => DetMath.Tanh(x);
}

/// <summary><see cref="DetMath.Sigmoid{TMath}(float)"/>.</summary>
public readonly struct SigmoidFunction<TMath> : IElementFunction
    where TMath : struct, IKernelMath
{
    /// <inheritdoc/>
    public float Apply(float x) => DetMath.Sigmoid<TMath>(x);

    /// <inheritdoc/>
    public Vector512<float> Apply(Vector512<float> x) => DetMath.Sigmoid(x);

    /// <inheritdoc/>
    public Vector256<float> Apply(Vector256<float> x) => DetMath.Sigmoid(x);

    /// <inheritdoc/>
    public Vector128<float> Apply(Vector128<float> x) => DetMath.Sigmoid(x);
}
