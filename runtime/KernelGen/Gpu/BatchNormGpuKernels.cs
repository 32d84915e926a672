using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>The generated GPU kernels of a batch normalization, loaded on one accelerator.</summary>
/// <param name="normalize">One thread per element: input, output, state, spatial, training flag.</param>
/// <param name="statistics">One group of 32 threads per channel: input, state, batch, spatial.</param>
public sealed class BatchNormGpuKernels(
    Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> normalize,
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int> statistics)
{
    internal Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> Normalize { get; } = normalize;

    internal Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int> Statistics { get; } = statistics;
}
