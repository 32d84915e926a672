namespace KernelGen;

/// <summary>The element-wise functions an <see cref="ActivationAttribute"/> layer can apply, each from <see cref="DetMath"/>.</summary>
public enum ActivationFunction
{
    /// <summary><c>max(x, 0)</c>: x when x &gt; 0, +0 otherwise; NaN gives <see cref="DetMath.CanonicalNaN"/>.</summary>
    Relu,

    /// <summary>GELU, erf form (PyTorch's default <c>nn.GELU()</c>): <see cref="DetMath.Gelu(float)"/>.</summary>
    Gelu,

    /// <summary>GELU, tanh approximation (<c>nn.GELU(approximate='tanh')</c>): <see cref="DetMath.GeluTanh(float)"/>.</summary>
    GeluTanh,

    /// <summary>SiLU (swish), <c>x · sigmoid(x)</c>: <see cref="DetMath.Silu(float)"/>.</summary>
    Silu,

    /// <summary>Hyperbolic tangent: <see cref="DetMath.Tanh(float)"/>.</summary>
    Tanh,

    /// <summary>Logistic sigmoid: <see cref="DetMath.Sigmoid(float)"/>.</summary>
    Sigmoid,
}
