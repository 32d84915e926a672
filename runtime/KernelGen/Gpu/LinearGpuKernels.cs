using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The two generated GPU kernels of a linear layer, loaded on one accelerator. Both compute every
/// output with the same FMA chain (k ascending, bias once), so they give identical bits; they differ
/// only in how outputs are spread over threads.
/// </summary>
/// <param name="perOutput">
/// One thread per output, for small batches (decode): extent (OutFeatures, rows); views: input,
/// packed weight, packed bias, output.
/// </param>
/// <param name="tiled">
/// Shared-memory tiles of <paramref name="tileRows"/> × <paramref name="tileColumns"/> outputs per
/// group of 16 × 16 threads, for large batches; views as above, then the row count.
/// </param>
/// <param name="tileRows">Output rows per group of the tiled kernel.</param>
/// <param name="tileColumns">Output columns per group of the tiled kernel.</param>
public sealed class LinearGpuKernels(
    Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> perOutput,
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> tiled,
    int tileRows,
    int tileColumns)
{
    /// <summary>Threads per group of the tiled kernel along each axis.</summary>
    public const int GroupSide = 16;

    /// <summary>Batches of at least this many rows use the tiled kernel; smaller ones one thread per output.</summary>
    public const int TiledMinimumRows = 32;

    /// <summary>Launches the kernel suited to <paramref name="rows"/> on the accelerator's default stream.</summary>
    internal void Launch(int rows, int outFeatures, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output)
    {
        if (rows < TiledMinimumRows)
        {
            perOutput(new Index2D(outFeatures, rows), input, weight, bias, output);
            return;
        }

        var grid = new Index2D((outFeatures + tileColumns - 1) / tileColumns, (rows + tileRows - 1) / tileRows);
        tiled(new KernelConfig(grid, new Index2D(GroupSide, GroupSide)), input, weight, bias, output, rows);
    }
}
