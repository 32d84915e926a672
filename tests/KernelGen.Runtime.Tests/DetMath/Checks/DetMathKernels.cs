using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen.DetMathChecks;

/// <summary>
/// ILGPU kernels that evaluate a DetMath function, generic over the math struct: loaded as
/// <c>&lt;CudaMath&gt;</c> on CUDA and <c>&lt;CpuMath&gt;</c> on ILGPU's CPU accelerator.
/// </summary>
internal static class DetMathKernels
{
    /// <summary>Loads the kernel that maps an input array to an output array.</summary>
    public static Action<Index1D, ArrayView<float>, ArrayView<float>, int> LoadArrayKernel<TMath>(Accelerator accelerator)
        where TMath : struct, IKernelMath =>
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(ArrayKernel<TMath>);

    /// <summary>Loads the kernel whose input <c>i</c> is the float with bits <c>first + i</c>.</summary>
    public static Action<Index1D, ArrayView<uint>, uint, int> LoadBitRangeKernel<TMath>(Accelerator accelerator)
        where TMath : struct, IKernelMath =>
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<uint>, uint, int>(BitRangeKernel<TMath>);

    private static void ArrayKernel<TMath>(Index1D index, ArrayView<float> input, ArrayView<float> output, int function)
        where TMath : struct, IKernelMath
    {
        output[index] = Evaluate<TMath>(function, input[index]);
    }

    private static void BitRangeKernel<TMath>(Index1D index, ArrayView<uint> output, uint first, int function)
        where TMath : struct, IKernelMath
    {
        float x = Interop.IntAsFloat(first + (uint)index.X);
        output[index] = Interop.FloatAsInt(Evaluate<TMath>(function, x));
    }

    /// <summary>The function numbered as in <see cref="DetMathFunction"/> (kernels take plain ints).</summary>
    private static float Evaluate<TMath>(int function, float x)
        where TMath : struct, IKernelMath => function switch
    {
        0 => DetMath.Exp<TMath>(x),
        1 => DetMath.Log<TMath>(x),
        2 => DetMath.Tanh<TMath>(x),
        3 => DetMath.Erf<TMath>(x),
        4 => DetMath.Sigmoid<TMath>(x),
        5 => DetMath.Silu<TMath>(x),
        6 => DetMath.Gelu<TMath>(x),
        7 => DetMath.GeluTanh<TMath>(x),
        _ => DetMath.Rsqrt<TMath>(x),
    };
}
