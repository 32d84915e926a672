using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KernelGen.DetMathChecks;

namespace KernelGen.DetMathExhaustive;

/// <summary>
/// Checks one chunk of consecutive bit patterns on the CPU: recomputes each input with
/// <see cref="CpuMath"/>, compares it with the GPU's bits where there are any, and judges the result
/// against the reference. One tally per worker, merged at the end.
/// </summary>
internal static class ChunkChecker
{
    private const int MaxMismatchesListed = 20;

    /// <summary>Checks inputs <c>first + k·stride</c> below <c>first + count</c>; <paramref name="gpuBits"/> is indexed from <c>first</c>, or null.</summary>
    public static void Check(DetMathFunction function, uint first, int count, uint stride, uint[]? gpuBits, FunctionReport report)
    {
        int workers = Environment.ProcessorCount;
        Parallel.For(0, workers, () => new FunctionReport(function), (worker, _, local) =>
        {
            long start = (long)worker * count / workers;
            long end = (long)(worker + 1) * count / workers;
            start += (stride - start % stride) % stride; // first multiple of the stride in this part
            for (long i = start; i < end; i += stride)
            {
                uint bits = first + (uint)i;
                float x = BitConverter.UInt32BitsToSingle(bits);
                float cpu = DetMathFunctions.Evaluate<CpuMath>(function, x);
                uint cpuBits = BitConverter.SingleToUInt32Bits(cpu);
                if (gpuBits is not null && gpuBits[i] != cpuBits)
                {
                    local.DeviceMismatches++;
                    if (local.MismatchesListed.Count < MaxMismatchesListed)
                    {
                        local.MismatchesListed.Add((bits, cpuBits, gpuBits[i]));
                    }
                }

                if (float.IsNaN(x))
                {
                    local.NaNInputs++;
                    local.NonCanonicalNaNs += cpuBits == DetMath.CanonicalNaNBits ? 0 : 1;
                }
                else
                {
                    local.Tally.Record(function, x, cpu);
                }
            }

            return local;
        }, report.Merge);
    }
}

/// <summary>Everything found for one function.</summary>
internal sealed class FunctionReport(DetMathFunction function)
{
    private readonly object _gate = new();

    public DetMathFunction Function { get; } = function;

    public long DeviceMismatches { get; set; }

    public List<(uint Input, uint Cpu, uint Gpu)> MismatchesListed { get; } = new();

    public long NaNInputs { get; set; }

    public long NonCanonicalNaNs { get; set; }

    public AccuracyTally Tally { get; } = new();

    /// <summary>Adds a worker's findings (thread-safe).</summary>
    public void Merge(FunctionReport other)
    {
        lock (_gate)
        {
            DeviceMismatches += other.DeviceMismatches;
            foreach (var mismatch in other.MismatchesListed)
            {
                if (MismatchesListed.Count < 20)
                {
                    MismatchesListed.Add(mismatch);
                }
            }

            NaNInputs += other.NaNInputs;
            NonCanonicalNaNs += other.NonCanonicalNaNs;
            Tally.Add(other.Tally);
        }
    }
}
