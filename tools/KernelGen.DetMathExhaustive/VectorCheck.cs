using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using KernelGen.DetMathChecks;

namespace KernelGen.DetMathExhaustive;

/// <summary>
/// The <c>--vector</c> mode: every input of the range (at the stride) through the scalar function and
/// through each vector width this processor runs, bits compared lane by lane. Chunks of consecutive
/// bit patterns are shared out to all CPU threads; each vector holds consecutive inputs.
/// </summary>
internal static class VectorCheck
{
    private const int BlockSize = 1 << 16;
    private const int MaxListed = 20;

    /// <summary>Runs the check; returns the exit code (0: no lane differs).</summary>
    public static int Run(ExhaustiveOptions options, int chunkSize)
    {
        SimdPath[] widths = VectorAgreement.Widths.Where(SimdPaths.IsSupported).ToArray();
        Console.WriteLine($"DetMath vector check: inputs 0x{options.FirstBits:X8}..0x{options.LastBits:X8}, stride {options.Stride}, " +
            $"widths {string.Join(", ", widths)} against the scalar function, {Environment.ProcessorCount} CPU threads, hardware FMA {DetMath.IsHardwareFma}");
        if (widths.Length == 0)
        {
            Console.Error.WriteLine("This processor runs no vector width with a fused multiply-add.");
            return 3;
        }

        bool allGood = true;
        foreach (DetMathFunction function in options.Functions)
        {
            // Each width, and for the functions with a form on two vectors at once, that form too.
            VectorForm[] forms = widths.SelectMany(w => VectorAgreement.Paired.Contains(function)
                ? new[] { new VectorForm(w, false), new VectorForm(w, true) }
                : [new VectorForm(w, false)]).ToArray();
            var watch = Stopwatch.StartNew();
            var report = new VectorReport(forms.Length);
            for (ulong first = options.FirstBits; first <= options.LastBits; first += (ulong)chunkSize)
            {
                int count = (int)Math.Min((ulong)chunkSize, options.LastBits - first + 1);
                CheckChunk(function, forms, (uint)first, count, options.Stride, report);
            }

            bool good = report.Mismatches.All(m => m == 0);
            allGood &= good;
            Console.WriteLine();
            Console.WriteLine($"{function}: {(good ? "ok" : "FAILED")} in {watch.Elapsed.TotalSeconds:F1} s, {report.Inputs} inputs");
            for (int w = 0; w < forms.Length; w++)
            {
                Console.WriteLine($"  {forms[w]}: {report.Mismatches[w]} lanes differ from the scalar bits");
                foreach ((uint input, uint scalar, uint vector) in report.Listed[w])
                {
                    Console.WriteLine($"    input 0x{input:X8}: scalar 0x{scalar:X8}, vector 0x{vector:X8}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(allGood ? "RESULT: every vector lane equals the scalar function" : "RESULT: FAILED (see above)");
        return allGood ? 0 : 1;
    }

    /// <summary>Checks inputs <c>first + k·stride</c> below <c>first + count</c>, in blocks spread over the threads.</summary>
    private static void CheckChunk(DetMathFunction function, VectorForm[] forms, uint first, int count, uint stride, VectorReport report)
    {
        long inputs = (count + stride - 1) / stride;
        int blocks = (int)((inputs + BlockSize - 1) / BlockSize);
        Parallel.For(0, blocks, () => new VectorReport(forms.Length), (block, _, local) =>
        {
            long start = (long)block * BlockSize;
            int length = (int)Math.Min(BlockSize, inputs - start);
            var x = new float[length];
            var scalar = new uint[length];
            for (int i = 0; i < length; i++)
            {
                x[i] = BitConverter.UInt32BitsToSingle(first + (uint)((start + i) * stride));
            }

            VectorAgreement.ScalarBits(function, x, scalar);
            for (int w = 0; w < forms.Length; w++)
            {
                local.Mismatches[w] += VectorAgreement.CountMismatches(function, forms[w].Width, x, scalar, local.Listed[w], MaxListed, forms[w].Paired);
            }

            local.Inputs += length;
            return local;
        }, report.Merge);
    }

    /// <summary>A vector width, and whether the function runs on two of its vectors at once.</summary>
    private readonly record struct VectorForm(SimdPath Width, bool Paired)
    {
        public override string ToString() => Paired ? $"{Width} pair" : Width.ToString();
    }

    /// <summary>Mismatch counts and examples per form.</summary>
    private sealed class VectorReport(int widths)
    {
        private readonly object _gate = new();

        public long Inputs { get; set; }

        public long[] Mismatches { get; } = new long[widths];

        public List<(uint Input, uint Scalar, uint Vector)>[] Listed { get; } =
            Enumerable.Range(0, widths).Select(_ => new List<(uint, uint, uint)>()).ToArray();

        /// <summary>Adds a worker's findings (thread-safe).</summary>
        public void Merge(VectorReport other)
        {
            lock (_gate)
            {
                Inputs += other.Inputs;
                for (int w = 0; w < Mismatches.Length; w++)
                {
                    Mismatches[w] += other.Mismatches[w];
                    Listed[w].AddRange(other.Listed[w].Take(MaxListed - Listed[w].Count));
                }
            }
        }
    }
}
