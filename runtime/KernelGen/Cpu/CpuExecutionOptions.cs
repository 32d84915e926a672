using System;

namespace KernelGen;

/// <summary>How a CPU forward pass is scheduled. No option changes the output bits.</summary>
public sealed record CpuExecutionOptions
{
    /// <summary>The default: every core, the widest accelerated SIMD path.</summary>
    public static CpuExecutionOptions Default { get; } = new();

    /// <summary>
    /// The most threads to use; <see langword="null"/> for <see cref="Environment.ProcessorCount"/>.
    /// Threads split rows and column tiles, never a dot product.
    /// </summary>
    public int? MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "MaxDegreeOfParallelism must be at least 1, or null for all cores.");
            }

            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>The instruction set to run on; <see cref="SimdPath.Auto"/> picks the widest supported one.</summary>
    public SimdPath SimdPath { get; init; } = SimdPath.Auto;

    private readonly int? _maxDegreeOfParallelism;

    internal int EffectiveDegreeOfParallelism => _maxDegreeOfParallelism ?? Environment.ProcessorCount;
}
