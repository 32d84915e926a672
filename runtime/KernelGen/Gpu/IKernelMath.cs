namespace KernelGen;

/// <summary>
/// The arithmetic a generated GPU kernel is compiled with. Kernels are generic over a struct that
/// implements this interface and are loaded as <c>Kernel&lt;CudaMath&gt;</c> on CUDA and
/// <c>Kernel&lt;CpuMath&gt;</c> on ILGPU's CPU accelerator, so neither device compiles the other's
/// instructions (a runtime <c>if</c> would still be compiled, and fail, on both).
/// </summary>
public interface IKernelMath
{
    /// <summary>Fused multiply-add, rounded once: <c>a × b + c</c>.</summary>
    float Fma(float a, float b, float c);

    /// <summary>Addition, rounded to nearest even, never fused with a neighbouring multiply.</summary>
    float Add(float a, float b);

    /// <summary>Multiplication, rounded to nearest even, never fused with a neighbouring add.</summary>
    float Mul(float a, float b);

    /// <summary>Fused multiply-add in double precision, rounded once: <c>a × b + c</c>.</summary>
    double Fma(double a, double b, double c);

    /// <summary>Double-precision addition, rounded to nearest even, never fused with a neighbouring multiply.</summary>
    double Add(double a, double b);

    /// <summary>Double-precision multiplication, rounded to nearest even, never fused with a neighbouring add.</summary>
    double Mul(double a, double b);

    /// <summary>Double-precision division, correctly rounded (IEEE-754, nearest even).</summary>
    double Div(double a, double b);

    /// <summary>Double-precision square root, correctly rounded (IEEE-754, nearest even).</summary>
    double Sqrt(double a);
}
