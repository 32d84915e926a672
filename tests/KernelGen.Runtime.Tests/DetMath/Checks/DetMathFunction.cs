using System;

namespace KernelGen.DetMathChecks;

/// <summary>The functions of <see cref="DetMath"/> that the accuracy checks cover.</summary>
internal enum DetMathFunction
{
    Exp,
    Log,
    Tanh,
    Erf,
    Sigmoid,
    Silu,
    Gelu,
    GeluTanh,
    Rsqrt,
}

/// <summary>Calls a <see cref="DetMathFunction"/> on the CPU.</summary>
internal static class DetMathFunctions
{
    /// <summary>Every function, in declaration order.</summary>
    public static DetMathFunction[] All { get; } = Enum.GetValues<DetMathFunction>();

    /// <summary>The DetMath result for <paramref name="x"/> with <typeparamref name="TMath"/>'s arithmetic.</summary>
    public static float Evaluate<TMath>(DetMathFunction function, float x)
        where TMath : struct, IKernelMath => function switch
    {
        DetMathFunction.Exp => DetMath.Exp<TMath>(x),
        DetMathFunction.Log => DetMath.Log<TMath>(x),
        DetMathFunction.Tanh => DetMath.Tanh<TMath>(x),
        DetMathFunction.Erf => DetMath.Erf<TMath>(x),
        DetMathFunction.Sigmoid => DetMath.Sigmoid<TMath>(x),
        DetMathFunction.Silu => DetMath.Silu<TMath>(x),
        DetMathFunction.Gelu => DetMath.Gelu<TMath>(x),
        DetMathFunction.GeluTanh => DetMath.GeluTanh<TMath>(x),
        DetMathFunction.Rsqrt => DetMath.Rsqrt<TMath>(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown DetMath function."),
    };
}
