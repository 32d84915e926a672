using System.Runtime.Intrinsics;
using Lanes128 = KernelGen.VectorDetMath<KernelGen.SimdWidth128, System.Runtime.Intrinsics.Vector128<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector128<double>>>;
using Lanes256 = KernelGen.VectorDetMath<KernelGen.SimdWidth256, System.Runtime.Intrinsics.Vector256<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector256<double>>>;
using Lanes512 = KernelGen.VectorDetMath<KernelGen.SimdWidth512, System.Runtime.Intrinsics.Vector512<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector512<double>>>;

namespace KernelGen;

// The vector forms: every lane gets exactly the bits of the scalar function, on every width (see
// VectorDetMath and docs/cpu-kernels.md, "Vector DetMath"). They need the processor's fused
// multiply-add, like the scalar CPU functions: call them where SimdPaths.IsSupported says the
// width runs (on Vector512 / Vector256 / Vector128 that is what the SimdPath guarantees).
public static partial class DetMath
{
    /// <summary>
    /// <see cref="Exp(float)"/> (e^x) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Exp(Vector512<float> x) => Lanes512.Exp(x);

    /// <summary>
    /// <see cref="Exp(float)"/> (e^x) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Exp(Vector256<float> x) => Lanes256.Exp(x);

    /// <summary>
    /// <see cref="Exp(float)"/> (e^x) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Exp(Vector128<float> x) => Lanes128.Exp(x);

    /// <summary>
    /// <see cref="Log(float)"/> (ln x) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Log(Vector512<float> x) => Lanes512.Log(x);

    /// <summary>
    /// <see cref="Log(float)"/> (ln x) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Log(Vector256<float> x) => Lanes256.Log(x);

    /// <summary>
    /// <see cref="Log(float)"/> (ln x) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Log(Vector128<float> x) => Lanes128.Log(x);

    /// <summary>
    /// <see cref="Tanh(float)"/> (tanh x) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Tanh(Vector512<float> x) => Lanes512.Tanh(x);

    /// <summary>
    /// <see cref="Tanh(float)"/> (tanh x) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Tanh(Vector256<float> x) => Lanes256.Tanh(x);

    /// <summary>
    /// <see cref="Tanh(float)"/> (tanh x) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Tanh(Vector128<float> x) => Lanes128.Tanh(x);

    /// <summary>
    /// <see cref="Erf(float)"/> (erf x) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Erf(Vector512<float> x) => Lanes512.Erf(x);

    /// <summary>
    /// <see cref="Erf(float)"/> (erf x) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Erf(Vector256<float> x) => Lanes256.Erf(x);

    /// <summary>
    /// <see cref="Erf(float)"/> (erf x) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Erf(Vector128<float> x) => Lanes128.Erf(x);

    /// <summary>
    /// <see cref="Sigmoid(float)"/> (the logistic function) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Sigmoid(Vector512<float> x) => Lanes512.Sigmoid(x);

    /// <summary>
    /// <see cref="Sigmoid(float)"/> (the logistic function) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Sigmoid(Vector256<float> x) => Lanes256.Sigmoid(x);

    /// <summary>
    /// <see cref="Sigmoid(float)"/> (the logistic function) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Sigmoid(Vector128<float> x) => Lanes128.Sigmoid(x);

    /// <summary>
    /// <see cref="Silu(float)"/> (SiLU) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Silu(Vector512<float> x) => Lanes512.Silu(x);

    /// <summary>
    /// <see cref="Silu(float)"/> (SiLU) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Silu(Vector256<float> x) => Lanes256.Silu(x);

    /// <summary>
    /// <see cref="Silu(float)"/> (SiLU) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Silu(Vector128<float> x) => Lanes128.Silu(x);

    /// <summary>
    /// <see cref="Gelu(float)"/> (GELU (erf form)) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Gelu(Vector512<float> x) => Lanes512.Gelu(x);

    /// <summary>
    /// <see cref="Gelu(float)"/> (GELU (erf form)) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Gelu(Vector256<float> x) => Lanes256.Gelu(x);

    /// <summary>
    /// <see cref="Gelu(float)"/> (GELU (erf form)) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Gelu(Vector128<float> x) => Lanes128.Gelu(x);

    /// <summary>
    /// <see cref="GeluTanh(float)"/> (GELU (tanh form)) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> GeluTanh(Vector512<float> x) => Lanes512.GeluTanh(x);

    /// <summary>
    /// <see cref="GeluTanh(float)"/> (GELU (tanh form)) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> GeluTanh(Vector256<float> x) => Lanes256.GeluTanh(x);

    /// <summary>
    /// <see cref="GeluTanh(float)"/> (GELU (tanh form)) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> GeluTanh(Vector128<float> x) => Lanes128.GeluTanh(x);

    /// <summary>
    /// <see cref="Rsqrt(float)"/> (1/√x) on each of the 16 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector512<float> Rsqrt(Vector512<float> x) => Lanes512.Rsqrt(x);

    /// <summary>
    /// <see cref="Rsqrt(float)"/> (1/√x) on each of the 8 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector256<float> Rsqrt(Vector256<float> x) => Lanes256.Rsqrt(x);

    /// <summary>
    /// <see cref="Rsqrt(float)"/> (1/√x) on each of the 4 lanes: every lane has exactly the scalar function's bits.
    /// </summary>
    public static Vector128<float> Rsqrt(Vector128<float> x) => Lanes128.Rsqrt(x);
}
