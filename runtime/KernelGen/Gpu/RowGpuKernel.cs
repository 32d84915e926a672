using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The generated GPU kernel of a row-wise layer, loaded on one accelerator: one group of
/// <see cref="CanonicalReduction.Lanes"/> threads per row, thread j owning lane j of the row's
/// canonical reductions and the row's elements j, j + 32, ….
/// </summary>
/// <param name="launch">The loaded stream kernel: views of the input, the parameters and the output, then the row count.</param>
public sealed class RowGpuKernel(Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch)
{
    /// <summary>Threads per group: one per lane of the canonical reduction.</summary>
    public const int GroupSize = CanonicalReduction.Lanes;

    /// <summary>Launches one group per row on the accelerator's default stream.</summary>
    internal void Launch(int rows, ArrayView<float> input, ArrayView<float> parameters, ArrayView<float> output) =>
        launch(new KernelConfig(rows, GroupSize), input, parameters, output, rows);
}
