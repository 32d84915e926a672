using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;
using KernelGen.DetMathChecks;
using KernelGen.DetMathExhaustive;

// Exhaustive DetMath check. On a CUDA machine: every input on the GPU (CudaMath, inline PTX) and on
// the CPU (CpuMath), bits compared, each result judged against the double reference. See docs/detmath.md.
ExhaustiveOptions options;
try
{
    options = ExhaustiveOptions.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(ExhaustiveOptions.Usage);
    return 2;
}

const int ChunkSize = 1 << 24;
if (options.Vector)
{
    return VectorCheck.Run(options, ChunkSize);
}

GpuDevice? gpu = null;
if (!options.CpuOnly)
{
    gpu = GpuDevice.TryOpenCuda(out string reason);
    if (gpu is null)
    {
        Console.Error.WriteLine($"{reason} Use --cpu-only to check the CPU alone.");
        return 3;
    }
}

using (gpu)
{
    Console.WriteLine($"DetMath exhaustive check: inputs 0x{options.FirstBits:X8}..0x{options.LastBits:X8}, stride {options.Stride}, " +
        $"device {(gpu is null ? "none (CPU only)" : gpu.Name)}, {Environment.ProcessorCount} CPU threads, hardware FMA {DetMath.IsHardwareFma}");
    Console.WriteLine($"references: double, relative error bound 2^{Math.Log2(DetMathReference.RelativeErrorBound):F0}");
    using StreamWriter? undecided = options.UndecidedFile is null ? null : new StreamWriter(options.UndecidedFile);
    var kernel = gpu is null ? null : DetMathKernels.LoadBitRangeKernel<CudaMath>(gpu.Accelerator);
    using MemoryBuffer1D<uint, Stride1D.Dense>? buffer = gpu?.Accelerator.Allocate1D<uint>(ChunkSize);
    var gpuBits = gpu is null ? null : new uint[ChunkSize];
    bool allGood = true;

    foreach (DetMathFunction function in options.Functions)
    {
        var watch = Stopwatch.StartNew();
        var report = new FunctionReport(function);
        for (ulong first = options.FirstBits; first <= options.LastBits; first += ChunkSize)
        {
            int count = (int)Math.Min(ChunkSize, options.LastBits - first + 1);
            if (kernel is not null && buffer is not null && gpuBits is not null)
            {
                ArrayView<uint> view = buffer.View.BaseView.SubView(0, count);
                kernel(count, view, (uint)first, (int)function);
                view.CopyToCPU(gpuBits.AsSpan(0, count));
            }

            ChunkChecker.Check(function, (uint)first, count, options.Stride, gpuBits, report);
        }

        AccuracyTally tally = report.Tally;
        bool good = report.DeviceMismatches == 0 && report.NonCanonicalNaNs == 0 && tally.Misrounded == 0;
        allGood &= good;
        Console.WriteLine();
        Console.WriteLine($"{function}: {(good ? "ok" : "FAILED")} in {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  inputs checked on the CPU: {tally.Checked + report.NaNInputs} ({report.NaNInputs} NaN, {report.NonCanonicalNaNs} non-canonical NaN results)");
        Console.WriteLine($"  CPU/GPU bit mismatches: {(gpu is null ? "n/a (CPU only)" : report.DeviceMismatches.ToString(CultureInfo.InvariantCulture))}");
        foreach ((uint input, uint cpu, uint gpuResult) in report.MismatchesListed)
        {
            Console.WriteLine($"    input 0x{input:X8}: CPU 0x{cpu:X8}, GPU 0x{gpuResult:X8}");
        }

        Console.WriteLine($"  misrounded (vs reference): {tally.Misrounded}; undecided by the double reference: {tally.Undecided}");
        Console.WriteLine($"  max error: {tally.MaxUlpError:F4} ulp at {AccuracyTally.Describe(tally.MaxUlpErrorInput)}");
        WriteInputs("misrounded", function, tally.MisroundedInputs, undecided);
        WriteInputs("undecided", function, tally.UndecidedInputs, undecided);
    }

    Console.WriteLine();
    Console.WriteLine(allGood ? "RESULT: all checked functions ok" : "RESULT: FAILED (see above)");
    return allGood ? 0 : 1;
}

static void WriteInputs(string kind, DetMathFunction function, System.Collections.Generic.List<float> inputs, StreamWriter? file)
{
    foreach (float x in inputs)
    {
        float result = DetMathFunctions.Evaluate<CpuMath>(function, x);
        string line = $"{function} {BitConverter.SingleToUInt32Bits(x):X8} {BitConverter.SingleToUInt32Bits(result):X8}";
        Console.WriteLine($"    {kind}: {line}  ({x:R} -> {result:R})");
        file?.WriteLine(line);
    }
}
