using ILGPU.Runtime.Cuda;

namespace KernelGen;

/// <summary>
/// <see cref="IKernelMath"/> for CUDA: inline PTX with explicit rounding modes. ILGPU emits plain
/// <c>mul.f32</c>/<c>add.f32</c>, which <c>ptxas</c> may contract into an FMA; the <c>.rn</c> forms
/// are never contracted, and <c>fma.rn.f32</c> is the one fused step of the canonical dot product.
/// </summary>
/// <remarks>Only valid inside kernels running on a CUDA accelerator.</remarks>
public readonly struct CudaMath : IKernelMath
{
    /// <inheritdoc/>
    public float Fma(float a, float b, float c)
    {
        CudaAsm.Emit("fma.rn.f32 %0, %1, %2, %3;", out float result, a, b, c);
        return result;
    }

    /// <inheritdoc/>
    public float Add(float a, float b)
    {
        CudaAsm.Emit("add.rn.f32 %0, %1, %2;", out float result, a, b);
        return result;
    }

    /// <inheritdoc/>
    public float Mul(float a, float b)
    {
        CudaAsm.Emit("mul.rn.f32 %0, %1, %2;", out float result, a, b);
        return result;
    }

    /// <inheritdoc/>
    public double Fma(double a, double b, double c)
    {
        CudaAsm.Emit("fma.rn.f64 %0, %1, %2, %3;", out double result, a, b, c);
        return result;
    }

    /// <inheritdoc/>
    public double Add(double a, double b)
    {
        CudaAsm.Emit("add.rn.f64 %0, %1, %2;", out double result, a, b);
        return result;
    }

    /// <inheritdoc/>
    public double Mul(double a, double b)
    {
        CudaAsm.Emit("mul.rn.f64 %0, %1, %2;", out double result, a, b);
        return result;
    }

    /// <inheritdoc/>
    public double Div(double a, double b)
    {
        CudaAsm.Emit("div.rn.f64 %0, %1, %2;", out double result, a, b);
        return result;
    }

    /// <inheritdoc/>
    public double Sqrt(double a)
    {
        CudaAsm.Emit("sqrt.rn.f64 %0, %1;", out double result, a);
        return result;
    }
}
