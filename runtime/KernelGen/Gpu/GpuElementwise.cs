using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// Element-wise sums and products of device-resident tensors: the GPU twin of
/// <see cref="Elementwise"/>, with the same bits (<c>add.rn.f32</c> / <c>mul.rn.f32</c> on CUDA).
/// Kernels are queued on the accelerator's default stream; call <see cref="GpuDevice.Synchronize"/>
/// before reading results on the host.
/// </summary>
public static class GpuElementwise
{
    /// <summary><c>output[i] = a[i] + b[i]</c> on <paramref name="device"/>. <paramref name="output"/> may be <paramref name="a"/> or <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Add(GpuDevice device, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output) =>
        Launch(device, a, b, output, multiply: false);

    /// <summary><c>output[i] = a[i] · b[i]</c> on <paramref name="device"/>. <paramref name="output"/> may be <paramref name="a"/> or <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Multiply(GpuDevice device, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output) =>
        Launch(device, a, b, output, multiply: true);

    private static void Launch(GpuDevice device, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output, bool multiply)
    {
        ArgumentNullException.ThrowIfNull(device);
        Elementwise.CheckLengths(a.Length, b.Length, output.Length);
        if (output.Length == 0)
        {
            return;
        }

        if (output.Length > int.MaxValue)
        {
            throw new ArgumentException($"output has {output.Length} values; one launch takes at most {int.MaxValue}.", nameof(output));
        }

        Kernels kernels = device.GetOrLoadKernel(typeof(GpuElementwise), Kernels.Load);
        (multiply ? kernels.Multiply : kernels.Add)((int)output.Length, a, b, output);
    }

    private static void AddKernel<TMath>(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output)
        where TMath : struct, IKernelMath
    {
        output[index] = DetMath.CanonicalizeNaN(default(TMath).Add(a[index], b[index]));
    }

    private static void MultiplyKernel<TMath>(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output)
        where TMath : struct, IKernelMath
    {
        output[index] = DetMath.CanonicalizeNaN(default(TMath).Mul(a[index], b[index]));
    }

    private sealed class Kernels(
        Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> add,
        Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> multiply)
    {
        public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> Add { get; } = add;

        public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> Multiply { get; } = multiply;

        public static Kernels Load(Accelerator accelerator) => accelerator.AcceleratorType == AcceleratorType.Cuda
            ? new Kernels(
                CudaKernelLoader.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(accelerator, AddKernel<CudaMath>),
                CudaKernelLoader.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(accelerator, MultiplyKernel<CudaMath>))
            : new Kernels(
                accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(AddKernel<CpuMath>),
                accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(MultiplyKernel<CpuMath>));
    }
}
