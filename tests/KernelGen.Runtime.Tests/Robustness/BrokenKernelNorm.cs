using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen.Runtime.Tests.Robustness;

/// <summary>
/// A hand-written LayerNorm whose GPU kernel cannot compile on CUDA: it calls
/// <see cref="MathF.FusedMultiplyAdd"/>, which ILGPU's PTX backend has no intrinsic for (DESIGN.md:
/// "PTX JIT compilation failed"). On the CPU accelerator it would load, so the tests use CUDA.
/// </summary>
internal sealed class BrokenKernelNorm() : LayerNormLayer(features: 8, epsilon: 1e-5f, elementwiseAffine: false, bias: false, ResidualAdd.None)
{
    protected override void ComputeRows(SimdPath path, ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, int rowStart, int rowEnd) =>
        input.Slice(rowStart * 8, (rowEnd - rowStart) * 8).CopyTo(output.Slice(rowStart * 8));

    protected override RowGpuKernel LoadGpuKernel(Accelerator accelerator) =>
        new(accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(Kernel));

    private static void Kernel(ArrayView<float> input, ArrayView<float> parameters, ArrayView<float> output, int rows)
    {
        int i = (Grid.IdxX * Group.DimX) + Group.IdxX;
        output[i] = MathF.FusedMultiplyAdd(input[i], 2f, 1f);
    }
}
