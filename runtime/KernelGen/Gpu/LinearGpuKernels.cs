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

    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> _perOutput;
    private readonly TiledGpuKernel _large;
    private readonly TiledGpuKernel _small;
    private readonly int _multiprocessors;

    /// <summary>Creates the set; called by the generated layer's loader.</summary>
    /// <param name="accelerator">The accelerator the kernels were loaded on.</param>
    /// <param name="perOutput">One thread per output: extent (OutFeatures, rows); views: input, packed weight, packed bias, output.</param>
    /// <param name="large">The tiled kernel with the most reuse per group.</param>
    /// <param name="small">The tiled kernel with smaller tiles, for batches that would leave multiprocessors idle with <paramref name="large"/>.</param>
    public LinearGpuKernels(
        Accelerator accelerator,
        Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> perOutput,
        TiledGpuKernel large,
        TiledGpuKernel small)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _perOutput = perOutput;
        _large = large;
        _small = small;
        _multiprocessors = Math.Max(1, accelerator.NumMultiprocessors);
    }

    /// <summary>
    /// The kernel a batch of <paramref name="rows"/> runs on: <see langword="null"/> for one thread per
    /// output (fewer than <see cref="TiledMinimumRows"/> rows), else the large tiles when they give every
    /// multiprocessor a group, else the small tiles. Only speed depends on this choice, never bits.
    /// </summary>
    public TiledGpuKernel? Choose(int rows, int columns) =>
        rows < TiledMinimumRows ? null
        : _large.Groups(rows, columns) >= _multiprocessors ? _large
        : _small;

    /// <summary>Launches the kernel chosen for <paramref name="rows"/> on the accelerator's default stream.</summary>
    internal void Launch(int rows, int columns, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output)
    {
        TiledGpuKernel? tiled = Choose(rows, columns);
        if (tiled is null)
        {
            _perOutput(new Index2D(columns, rows), input, weight, bias, output);
        }
        else
        {
            tiled.Launch(rows, columns, input, weight, bias, output);
        }
    }
}
