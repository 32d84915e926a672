using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// A generated shared-memory GPU kernel: each group of 16 × 16 threads computes
/// <paramref name="tileRows"/> × <paramref name="tileColumns"/> outputs.
/// </summary>
/// <param name="launch">The loaded kernel; views: input, packed weight, packed bias, output; then the row count.</param>
/// <param name="tileRows">Output rows per group.</param>
/// <param name="tileColumns">Output columns per group.</param>
public sealed class TiledGpuKernel(
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch,
    int tileRows,
    int tileColumns)
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

    internal void Launch(int rows, int columns, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output)
    {
        var grid = new Index2D((columns + TileColumns - 1) / TileColumns, (rows + TileRows - 1) / TileRows);
        launch(new KernelConfig(grid, new Index2D(GroupSide, GroupSide)), input, weight, bias, output, rows);
    }
}
