using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen.Generated;

/// <summary>The generated GPU kernels of a batch normalization, loaded on one accelerator. Only generated code uses this type (it is public because that code is compiled into the user's assembly).</summary>
/// <param name="normalize">One thread per element: input, output, state, spatial, training flag.</param>
/// <param name="statistics">One group of 32 threads per channel: input, state, batch, spatial.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BatchNormGpuKernels(
    Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> normalize,
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int> statistics)
{
    internal Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> Normalize { get; } = normalize;

    internal Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int> Statistics { get; } = statistics;
}
