namespace KernelGen;

/// <summary>
/// The instruction set a generated CPU kernel runs on. Every path computes each output with the
/// same sequence of fused multiply-adds, so all paths give identical bits; they differ only in speed.
/// </summary>
public enum SimdPath
{
    /// <summary>The widest path this processor accelerates (or the one named by <c>KERNELGEN_SIMD</c>).</summary>
    Auto = 0,

    /// <summary>16 columns per vector (AVX-512).</summary>
    Vector512,

    /// <summary>8 columns per vector (AVX2 with FMA3).</summary>
    Vector256,

    /// <summary>4 columns per vector (SSE with FMA3, or Arm AdvSIMD).</summary>
    Vector128,

    /// <summary>One column at a time, with <see cref="DetMath.Fma(float, float, float)"/> (hardware or exact software FMA).</summary>
    Scalar,
}
