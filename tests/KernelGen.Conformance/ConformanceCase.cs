using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KernelGen.Tests;

namespace KernelGen.Conformance;

/// <summary>
/// Runs one layer through every check: each supported SIMD path on the full batch, every batch
/// size (a prefix of the rows) on the default path and on the GPU, each against the scalar reference.
/// </summary>
internal sealed class ConformanceCase
{
    /// <summary>The largest batch, as in the linear-batch case (a sequence of 300 tokens).</summary>
    public const int MaxRows = 300;

    private static readonly SimdPath[] Paths = [SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128, SimdPath.Scalar];

    private readonly LinearLayer _layer;
    private readonly GpuDevice? _gpu;

    public ConformanceCase(LinearLayer layer, GpuDevice? gpu)
    {
        _layer = layer;
        _gpu = gpu;
    }

    /// <summary>
    /// Batch sizes checked: all of 1..300 when the layer is small enough for that to be quick
    /// (K × N ≤ 2^20), otherwise every tile boundary (±1 around 4, 8, …, 256) and the ends.
    /// </summary>
    public IReadOnlyList<int> BatchSizes =>
        (long)_layer.InFeatures * _layer.OutFeatures <= 1 << 20
            ? Enumerable.Range(1, MaxRows).ToArray()
            : new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 299, 300 };

    public CaseResult Run(ulong seed)
    {
        _layer.InitializeUniform(seed);
        float[] input = Input(seed);
        float[] reference = ReferenceLinear.Forward(_layer, input);
        int n = _layer.OutFeatures;
        long compared = 0;

        long pathMismatches = 0;
        float[] cpuFull = _layer.Forward(input);
        foreach (SimdPath path in Paths.Where(SimdPaths.IsSupported))
        {
            float[] output = _layer.Forward(input, new CpuExecutionOptions { SimdPath = path });
            pathMismatches += Mismatches(reference, output);
            compared += output.Length;
        }

        long batchMismatches = 0;
        long gpuMismatches = 0;
        float[]? gpuFull = null;
        using GpuLinearLayer? onGpu = _gpu is null ? null : _layer.ToGpu(_gpu);
        if (onGpu is not null)
        {
            gpuFull = onGpu.Forward(input);
            gpuMismatches += Mismatches(reference, gpuFull);
            compared += gpuFull.Length;
        }

        foreach (int rows in BatchSizes)
        {
            ReadOnlySpan<float> prefix = input.AsSpan(0, rows * _layer.InFeatures);
            ReadOnlySpan<float> expected = reference.AsSpan(0, rows * n);
            batchMismatches += Mismatches(expected, _layer.Forward(prefix));
            compared += rows * n;
            if (onGpu is not null)
            {
                gpuMismatches += Mismatches(expected, onGpu.Forward(prefix));
                compared += rows * n;
            }
        }

        return new CaseResult(
            _layer.InFeatures,
            n,
            _layer.HasBias,
            BatchSizes.Count,
            compared,
            pathMismatches,
            batchMismatches,
            gpuMismatches,
            Hash(cpuFull),
            gpuFull is null ? null : Hash(gpuFull));
    }

    private float[] Input(ulong seed)
    {
        var input = new float[MaxRows * _layer.InFeatures];
        new PhiloxRandom(seed, stream: 1000).Fill(input, -1f, 1f);
        for (int i = 0; i < input.Length; i += 13)
        {
            input[i] *= 1024f; // large terms, so that order changes would show up as cancellation
        }

        return input;
    }

    private static long Mismatches(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
        {
            return Math.Max(expected.Length, actual.Length);
        }

        ReadOnlySpan<int> e = MemoryMarshal.Cast<float, int>(expected);
        ReadOnlySpan<int> a = MemoryMarshal.Cast<float, int>(actual);
        long count = 0;
        for (int i = 0; i < e.Length; i++)
        {
            count += e[i] != a[i] ? 1 : 0;
        }

        return count;
    }

    private static string Hash(float[] values) =>
        Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan()))).ToLowerInvariant();
}
