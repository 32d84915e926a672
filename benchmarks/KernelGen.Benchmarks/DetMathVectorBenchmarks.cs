using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// ns per element of each DetMath function on one thread, scalar and on each vector width, over 4096
/// floats that stay in L1 (an activation row, a softmax row). Where <see cref="TensorPrimitives"/> has the
/// function, its vectorized, not correctly rounded version is the floor. Inputs: N(0, 2) for the
/// activations, Erf and Tanh; [−12, 0] for Exp (softmax after the max is subtracted); e^U(−10, 10)
/// for Log and Rsqrt.
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class DetMathVectorBenchmarks
{
    private const int Length = 4096;

    private readonly float[] _input = new float[Length];
    private readonly float[] _output = new float[Length];

    /// <summary>The function.</summary>
    [ParamsAllValues]
    public DetMathBenchmarkFunction Function { get; set; } = DetMathBenchmarkFunction.Gelu;

    /// <summary>Creates the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (int i = 0; i < Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            _input[i] = Function switch
            {
                DetMathBenchmarkFunction.Exp => (float)(-12.0 * random.NextDouble()),
                DetMathBenchmarkFunction.Log or DetMathBenchmarkFunction.Rsqrt => (float)Math.Exp((20.0 * random.NextDouble()) - 10.0),
                _ => (float)(2.0 * normal),
            };
        }
    }

    /// <summary>The scalar function, element by element.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Length)]
    public void Scalar()
    {
        Func<float, float> f = ScalarFunction(Function);
        for (int i = 0; i < Length; i++)
        {
            _output[i] = f(_input[i]);
        }
    }

    /// <summary>The Vector512 form.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public void Vector512Form()
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(_input);
        ref float y = ref MemoryMarshal.GetArrayDataReference(_output);
        for (nuint i = 0; i < Length; i += (nuint)Vector512<float>.Count)
        {
            Apply(Function, Vector512.LoadUnsafe(ref x, i)).StoreUnsafe(ref y, i);
        }
    }

    /// <summary>The Vector256 form.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public void Vector256Form()
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(_input);
        ref float y = ref MemoryMarshal.GetArrayDataReference(_output);
        for (nuint i = 0; i < Length; i += (nuint)Vector256<float>.Count)
        {
            Apply(Function, Vector256.LoadUnsafe(ref x, i)).StoreUnsafe(ref y, i);
        }
    }

    /// <summary>The Vector128 form.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public void Vector128Form()
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(_input);
        ref float y = ref MemoryMarshal.GetArrayDataReference(_output);
        for (nuint i = 0; i < Length; i += (nuint)Vector128<float>.Count)
        {
            Apply(Function, Vector128.LoadUnsafe(ref x, i)).StoreUnsafe(ref y, i);
        }
    }

    /// <summary>
    /// <see cref="TensorPrimitives"/>' vectorized versions (not correctly rounded; their bits change with
    /// the width and the length): the function itself, SiLU as x·sigmoid(x), and both GELUs as the tanh
    /// formula (TensorPrimitives has no erf), each a few passes over the row. None for Erf.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public void TensorPrimitivesFloor()
    {
        Span<float> y = _output;
        switch (Function)
        {
            case DetMathBenchmarkFunction.Exp: TensorPrimitives.Exp(_input, y); break;
            case DetMathBenchmarkFunction.Log: TensorPrimitives.Log(_input, y); break;
            case DetMathBenchmarkFunction.Tanh: TensorPrimitives.Tanh(_input, y); break;
            case DetMathBenchmarkFunction.Sigmoid: TensorPrimitives.Sigmoid(_input, y); break;
            case DetMathBenchmarkFunction.Rsqrt: TensorPrimitives.ReciprocalSqrt(_input, y); break;
            case DetMathBenchmarkFunction.Silu:
                TensorPrimitives.Sigmoid(_input, y);
                TensorPrimitives.Multiply(_input, y, y);
                break;
            case DetMathBenchmarkFunction.Gelu or DetMathBenchmarkFunction.GeluTanh:
                TensorPrimitives.Multiply(_input, _input, y);                 // x²
                TensorPrimitives.Multiply(y, 0.044715f, y);
                TensorPrimitives.Add(y, 1f, y);                               // 1 + 0.044715·x²
                TensorPrimitives.Multiply(_input, y, y);                      // x + 0.044715·x³
                TensorPrimitives.Multiply(y, 0.7978846f, y);                  // √(2/π)·…
                TensorPrimitives.Tanh(y, y);
                TensorPrimitives.Add(y, 1f, y);
                TensorPrimitives.Multiply(y, 0.5f, y);                        // (1 + tanh)/2
                TensorPrimitives.Multiply(_input, y, y);
                break;
            default: throw new NotSupportedException($"TensorPrimitives has no {Function}.");
        }
    }

    private static Func<float, float> ScalarFunction(DetMathBenchmarkFunction function) => function switch
    {
        DetMathBenchmarkFunction.Exp => DetMath.Exp,
        DetMathBenchmarkFunction.Log => DetMath.Log,
        DetMathBenchmarkFunction.Tanh => DetMath.Tanh,
        DetMathBenchmarkFunction.Erf => DetMath.Erf,
        DetMathBenchmarkFunction.Sigmoid => DetMath.Sigmoid,
        DetMathBenchmarkFunction.Silu => DetMath.Silu,
        DetMathBenchmarkFunction.Gelu => DetMath.Gelu,
        DetMathBenchmarkFunction.GeluTanh => DetMath.GeluTanh,
        _ => DetMath.Rsqrt,
    };

    private static Vector512<float> Apply(DetMathBenchmarkFunction function, Vector512<float> x) => function switch
    {
        DetMathBenchmarkFunction.Exp => DetMath.Exp(x),
        DetMathBenchmarkFunction.Log => DetMath.Log(x),
        DetMathBenchmarkFunction.Tanh => DetMath.Tanh(x),
        DetMathBenchmarkFunction.Erf => DetMath.Erf(x),
        DetMathBenchmarkFunction.Sigmoid => DetMath.Sigmoid(x),
        DetMathBenchmarkFunction.Silu => DetMath.Silu(x),
        DetMathBenchmarkFunction.Gelu => DetMath.Gelu(x),
        DetMathBenchmarkFunction.GeluTanh => DetMath.GeluTanh(x),
        _ => DetMath.Rsqrt(x),
    };

    private static Vector256<float> Apply(DetMathBenchmarkFunction function, Vector256<float> x) => function switch
    {
        DetMathBenchmarkFunction.Exp => DetMath.Exp(x),
        DetMathBenchmarkFunction.Log => DetMath.Log(x),
        DetMathBenchmarkFunction.Tanh => DetMath.Tanh(x),
        DetMathBenchmarkFunction.Erf => DetMath.Erf(x),
        DetMathBenchmarkFunction.Sigmoid => DetMath.Sigmoid(x),
        DetMathBenchmarkFunction.Silu => DetMath.Silu(x),
        DetMathBenchmarkFunction.Gelu => DetMath.Gelu(x),
        DetMathBenchmarkFunction.GeluTanh => DetMath.GeluTanh(x),
        _ => DetMath.Rsqrt(x),
    };

    private static Vector128<float> Apply(DetMathBenchmarkFunction function, Vector128<float> x) => function switch
    {
        DetMathBenchmarkFunction.Exp => DetMath.Exp(x),
        DetMathBenchmarkFunction.Log => DetMath.Log(x),
        DetMathBenchmarkFunction.Tanh => DetMath.Tanh(x),
        DetMathBenchmarkFunction.Erf => DetMath.Erf(x),
        DetMathBenchmarkFunction.Sigmoid => DetMath.Sigmoid(x),
        DetMathBenchmarkFunction.Silu => DetMath.Silu(x),
        DetMathBenchmarkFunction.Gelu => DetMath.Gelu(x),
        DetMathBenchmarkFunction.GeluTanh => DetMath.GeluTanh(x),
        _ => DetMath.Rsqrt(x),
    };
}

/// <summary>The DetMath functions, as a benchmark parameter.</summary>
public enum DetMathBenchmarkFunction
{
    /// <summary><see cref="DetMath.Exp(float)"/>.</summary>
    Exp,

    /// <summary><see cref="DetMath.Log(float)"/>.</summary>
    Log,

    /// <summary><see cref="DetMath.Tanh(float)"/>.</summary>
    Tanh,

    /// <summary><see cref="DetMath.Erf(float)"/>.</summary>
    Erf,

    /// <summary><see cref="DetMath.Sigmoid(float)"/>.</summary>
    Sigmoid,

    /// <summary><see cref="DetMath.Silu(float)"/>.</summary>
    Silu,

    /// <summary><see cref="DetMath.Gelu(float)"/>.</summary>
    Gelu,

    /// <summary><see cref="DetMath.GeluTanh(float)"/>.</summary>
    GeluTanh,

    /// <summary><see cref="DetMath.Rsqrt(float)"/>.</summary>
    Rsqrt,
}
