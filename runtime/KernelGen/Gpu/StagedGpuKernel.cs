using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen.Generated;

/// <summary>
/// A generated GPU kernel for batches of a few rows: each group of <paramref name="groupSize"/> threads
/// stages the weight through shared memory and computes <paramref name="groupColumns"/> output columns of
/// every row. The generated code states both, so the launch always matches the kernel.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
/// <param name="launch">The loaded kernel; views: input, packed weight, packed bias, output; then the row count.</param>
/// <param name="groupSize">Threads per group.</param>
/// <param name="groupColumns">Output columns per group.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StagedGpuKernel(
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch,
    int groupSize,
    int groupColumns)
{
    /// <summary>Threads per group.</summary>
    public int GroupSize { get; } = groupSize;

    /// <summary>Output columns per group.</summary>
    public int GroupColumns { get; } = groupColumns;

    internal void Launch(int rows, int columns, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output)
    {
        int groups = (columns + GroupColumns - 1) / GroupColumns;
        launch(new KernelConfig(groups, GroupSize), input, weight, bias, output, rows);
    }
}
