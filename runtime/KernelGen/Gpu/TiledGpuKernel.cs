using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen.Generated;

/// <summary>
/// A generated shared-memory GPU kernel: each group of 16 × 16 threads computes
/// <paramref name="tileRows"/> × <paramref name="tileColumns"/> outputs.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
/// <param name="launch">
/// The loaded kernel; views: input, packed weight, packed bias, output; then the row count, and 1 when the kernel may
/// stage the input with 16-byte loads (the input view is 16-byte aligned), else 0.
/// </param>
/// <param name="tileRows">Output rows per group.</param>
/// <param name="tileColumns">Output columns per group.</param>
/// <param name="vectorRows">Whether the kernel has a 16-byte input path (the layer's InFeatures is a multiple of 4).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TiledGpuKernel(
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> launch,
    int tileRows,
    int tileColumns,
    bool vectorRows)
{
    /// <summary>Threads per group along each axis.</summary>
    public const int GroupSide = 16;

    /// <summary>Output rows per group.</summary>
    public int TileRows { get; } = tileRows;

    /// <summary>Output columns per group.</summary>
    public int TileColumns { get; } = tileColumns;

    /// <summary>The number of groups for a batch of <paramref name="rows"/> × <paramref name="columns"/> outputs.</summary>
    public long Groups(int rows, int columns) =>
        (long)((columns + TileColumns - 1) / TileColumns) * ((rows + TileRows - 1) / TileRows);

    /// <summary>
    /// Whether the kernel may read <paramref name="input"/> 4 floats at a time: it has that path and the view starts on a
    /// 16-byte boundary (a sub-view may start anywhere). Only speed depends on this, never bits.
    /// </summary>
    internal bool ReadsVectors(ArrayView<float> input) => vectorRows && (input.LoadEffectiveAddressAsPtr().ToInt64() & 15) == 0;

    internal void Launch(int rows, int columns, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output)
    {
        var grid = new Index2D((columns + TileColumns - 1) / TileColumns, (rows + TileRows - 1) / TileRows);
        launch(new KernelConfig(grid, new Index2D(GroupSide, GroupSide)), input, weight, bias, output, rows, ReadsVectors(input) ? 1 : 0);
    }
}
