using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The generated GPU kernels of a linear layer, loaded on one accelerator, and the rule that picks
/// one for a batch. Every kernel computes each output with the same FMA chain (k ascending, bias
/// once), so they give identical bits; they differ only in how outputs are spread over threads.
/// </summary>
public sealed class LinearGpuKernels
{
    /// <summary>Batches of at least this many rows use a tiled kernel; smaller ones one thread per output.</summary>
    public const int TiledMinimumRows = 32;

    /// <summary>
    /// Below <see cref="TiledMinimumRows"/> rows, layers with at least this many output columns stage the
    /// weight through shared memory, 32 columns per group of 256 threads; narrower ones run one thread per output.
    /// </summary>
    public const int StagedMinimumColumns = 256;

    /// <summary>Threads per group of the staged kernel.</summary>
    private const int StagedGroupSize = 256;

    /// <summary>Output columns per group of the staged kernel.</summary>
    private const int StagedGroupColumns = 32;

    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> _perOutput;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _staged;
    private readonly TiledGpuKernel[] _tiles;
    private readonly int _multiprocessors;

    /// <summary>Creates the set; called by the generated layer's loader.</summary>
    /// <param name="accelerator">The accelerator the kernels were loaded on.</param>
    /// <param name="perOutput">One thread per output: extent (OutFeatures, rows); views: input, packed weight, packed bias, output.</param>
    /// <param name="staged">The staged kernel for few rows: groups of 256 threads, 32 columns each; views as above, then the row count.</param>
    /// <param name="large">The tiled kernel with the most reuse per group.</param>
    /// <param name="medium">A tiled kernel with half the large tile's columns, or <see langword="null"/> where the layer is too narrow for it.</param>
    /// <param name="small">The tiled kernel with the smallest tiles, for batches that would leave multiprocessors idle with larger ones.</param>
    public LinearGpuKernels(
        Accelerator accelerator,
        Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> perOutput,
        Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> staged,
        TiledGpuKernel large,
        TiledGpuKernel? medium,
        TiledGpuKernel small)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _perOutput = perOutput;
        _staged = staged;
        _tiles = medium is null ? [large, small] : [large, medium, small];
        _multiprocessors = Math.Max(1, accelerator.NumMultiprocessors);
    }

    /// <summary>
    /// The kernel a batch of <paramref name="rows"/> runs on: <see langword="null"/> below
    /// <see cref="TiledMinimumRows"/> rows, else the tile with the least work for the busiest
    /// multiprocessor — ⌈groups ÷ multiprocessors⌉ × outputs per group — and of those the largest (more
    /// reuse per loaded value). Only speed depends on this choice, never bits.
    /// </summary>
    public TiledGpuKernel? Choose(int rows, int columns)
    {
        if (rows < TiledMinimumRows)
        {
            return null;
        }

        TiledGpuKernel best = _tiles[0];
        long bestWork = long.MaxValue;
        foreach (TiledGpuKernel tile in _tiles)
        {
            long waves = (tile.Groups(rows, columns) + _multiprocessors - 1) / _multiprocessors;
            long work = waves * tile.TileRows * tile.TileColumns;
            if (work < bestWork)
            {
                best = tile;
                bestWork = work;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether a batch of <paramref name="rows"/> that runs no tiled kernel stages the weight through shared
    /// memory (at least <see cref="StagedMinimumColumns"/> columns) rather than running one thread per output.
    /// Only speed depends on this choice, never bits.
    /// </summary>
    public static bool StagesWeight(int rows, int columns) => rows < TiledMinimumRows && columns >= StagedMinimumColumns;

    /// <summary>Launches the kernel chosen for <paramref name="rows"/> on the accelerator's default stream.</summary>
    internal void Launch(int rows, int columns, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output)
    {
        TiledGpuKernel? tiled = Choose(rows, columns);
        if (tiled is not null)
        {
            tiled.Launch(rows, columns, input, weight, bias, output);
        }
        else if (StagesWeight(rows, columns))
        {
            int groups = (columns + StagedGroupColumns - 1) / StagedGroupColumns;
            _staged(new KernelConfig(groups, StagedGroupSize), input, weight, bias, output, rows);
        }
        else
        {
            _perOutput(new Index2D(columns, rows), input, weight, bias, output);
        }
    }
}
