using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen.Generated;

/// <summary>
/// The generated GPU kernels of a linear layer, loaded on one accelerator, and the rule that picks
/// one for a batch. Every kernel computes each output with the same FMA chain (k ascending, bias
/// once), so they give identical bits; they differ only in how outputs are spread over threads.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LinearGpuKernels
{
    /// <summary>Batches of at least this many rows use a tiled kernel; smaller ones one thread per output.</summary>
    public const int TiledMinimumRows = 32;

    /// <summary>
    /// Below <see cref="TiledMinimumRows"/> rows, layers with at least this many output columns run the staged
    /// kernel (the weight streamed through shared memory); narrower ones run one thread per output.
    /// </summary>
    public const int StagedMinimumColumns = 256;

    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> _perOutput;
    private readonly StagedGpuKernel _staged;
    private readonly TiledGpuKernel[] _tiles;
    private readonly int _multiprocessors;

    /// <summary>Creates the set; called by the generated layer's loader.</summary>
    /// <param name="accelerator">The accelerator the kernels were loaded on.</param>
    /// <param name="perOutput">One thread per output: extent (OutFeatures, rows); views: input, packed weight, packed bias, output.</param>
    /// <param name="staged">The staged kernel for few rows.</param>
    /// <param name="tiles">The tiled kernels, largest tile first; at least one.</param>
    public LinearGpuKernels(
        Accelerator accelerator,
        Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> perOutput,
        StagedGpuKernel staged,
        params TiledGpuKernel[] tiles)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfZero(tiles.Length, nameof(tiles));
        _perOutput = perOutput;
        _staged = staged;
        _tiles = tiles;
        _multiprocessors = Math.Max(1, accelerator.NumMultiprocessors);
    }

    /// <summary>The tiled kernels, largest tile first (benchmarks time each one).</summary>
    internal System.Collections.Generic.IReadOnlyList<TiledGpuKernel> Tiles => _tiles;

    /// <summary>
    /// The kernel a batch of <paramref name="rows"/> runs on: <see langword="null"/> below
    /// <see cref="TiledMinimumRows"/> rows, else the tile with the least time for the busiest multiprocessor —
    /// ⌈groups ÷ multiprocessors⌉ × outputs per group ÷ the tile's rate (<see cref="RelativeRate"/>) — and of equals the
    /// largest. Only speed depends on this choice, never bits.
    /// </summary>
    public TiledGpuKernel? Choose(int rows, int columns)
    {
        if (rows < TiledMinimumRows)
        {
            return null;
        }

        TiledGpuKernel best = _tiles[0];
        double bestTime = double.MaxValue;
        foreach (TiledGpuKernel tile in _tiles)
        {
            long waves = (tile.Groups(rows, columns) + _multiprocessors - 1) / _multiprocessors;
            double time = waves * tile.TileRows * tile.TileColumns / RelativeRate(tile);
            if (time < bestTime)
            {
                best = tile;
                bestTime = time;
            }
        }

        return best;
    }

    /// <summary>
    /// How fast a tile computes outputs when the GPU is full of its groups, after the outputs each thread owns: the
    /// TFLOP/s of each tile at 4096 × 4096 × 4096 on an H200 (8 × 8 per thread 45.9, 8 × 4 37.8, 4 × 6 35.1, 4 × 4 30.8, 4 × 2 22.7; 2026-12-02).
    /// </summary>
    private static double RelativeRate(TiledGpuKernel tile) =>
        (tile.TileRows * tile.TileColumns / (TiledGpuKernel.GroupSide * TiledGpuKernel.GroupSide)) switch
        {
            >= 64 => 46,
            >= 32 => 38,
            >= 24 => 35,
            >= 16 => 31,
            _ => 23,
        };

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
            _staged.Launch(rows, columns, input, weight, bias, output);
        }
        else
        {
            _perOutput(new Index2D(columns, rows), input, weight, bias, output);
        }
    }
}
