using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The generated GPU kernel of a row-wise layer, loaded on one accelerator. Layers with reductions
/// run one group of <see cref="CanonicalReduction.Lanes"/> threads per row (thread j owns lane j of the
/// row's canonical reductions and the row's elements j, j + 32, …); element-wise layers run one thread
/// per element, since no element depends on another.
/// </summary>
public sealed class RowGpuKernel
{
    /// <summary>Threads per group of a row kernel: one per lane of the canonical reduction.</summary>
    public const int GroupSize = CanonicalReduction.Lanes;

    /// <summary>Threads per group of an element-wise kernel.</summary>
    public const int ElementGroupSize = 256;

    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _launch;
    private readonly int _elementsPerRow;

    /// <summary>A row kernel: one group of 32 threads per row.</summary>
    /// <param name="launch">The loaded stream kernel: views of the input, the parameters and the output, then the row count.</param>
    public RowGpuKernel(Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch)
        : this(launch, 0)
    {
    }

    private RowGpuKernel(Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch, int elementsPerRow)
    {
        _launch = launch;
        _elementsPerRow = elementsPerRow;
    }

    /// <summary>An element-wise kernel: one thread per element, in groups of <see cref="ElementGroupSize"/>; the kernel checks its index against rows × <paramref name="features"/>.</summary>
    /// <param name="launch">The loaded stream kernel: views of the input, the parameters and the output, then the row count.</param>
    /// <param name="features">The elements per row.</param>
    public static RowGpuKernel Elementwise(Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch, int features) =>
        new(launch, features);

    /// <summary>Launches the kernel for <paramref name="rows"/> rows on the accelerator's default stream.</summary>
    internal void Launch(int rows, ArrayView<float> input, ArrayView<float> parameters, ArrayView<float> output)
    {
        if (_elementsPerRow == 0)
        {
            _launch(new KernelConfig(rows, GroupSize), input, parameters, output, rows);
            return;
        }

        long groups = (((long)rows * _elementsPerRow) + ElementGroupSize - 1) / ElementGroupSize;
        _launch(new KernelConfig((int)groups, ElementGroupSize), input, parameters, output, rows);
    }
}
