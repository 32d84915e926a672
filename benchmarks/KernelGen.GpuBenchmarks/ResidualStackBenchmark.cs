using System;
using System.Diagnostics;
using System.IO;
using KernelGen;
using static KernelGen.GpuBenchmarks.BenchmarkOutput;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// <c>--stack</c>: the residual stack (20 × x = x + LN2(Linear2(GELU(Linear1(LN1(x))))), 1 × 1024 × 768) fused and
/// unfused on the GPU, device-resident; bits compared with the CPU's for the whole output; the whole forward pass
/// (median of synchronized passes) and each kind of layer; the cost of an empty launch. Lines starting with
/// <c>stack</c>, <c>kind</c> and <c>launch</c> are for <c>benchmarks/gpu/stack_compare.py</c>.
/// </summary>
internal static class ResidualStackBenchmark
{
    private const int Passes = 200;
    private const int KindRepeats = 50;

    public static bool Run(GpuDevice gpu, string? exportDirectory)
    {
        var model = new ResidualStackModel();
        float[] input = ResidualStackModel.Input();
        var clock = Stopwatch.StartNew();
        float[] cpu = model.Forward(input);
        Console.WriteLine($"# residual stack {ResidualStackShape.Depth} x (1, {ResidualStackShape.Sequence}, {ResidualStackShape.Width}); CPU forward pass (the reference bits) {clock.ElapsedMilliseconds} ms");
        if (exportDirectory is not null)
        {
            Export(model, input, cpu, exportDirectory);
        }

        using var stack = new GpuResidualStack(gpu, model, input);
        bool identical = true;
        foreach (bool fused in new[] { true, false })
        {
            string name = fused ? "kernelgen_fused" : "kernelgen_unfused";
            stack.Reset();
            stack.Forward(fused);
            gpu.Synchronize();
            int differing = Differing(cpu, stack.Output());
            identical &= differing == 0;
            double median = StackTiming.Median(Passes, () => { stack.Forward(fused); gpu.Synchronize(); }, () => { stack.Reset(); gpu.Synchronize(); });
            stack.Reset();
            gpu.Synchronize();
            clock.Restart();
            const int Queued = 50;
            for (int i = 0; i < Queued; i++)
            {
                stack.Forward(fused);
            }

            gpu.Synchronize();
            double queued = clock.Elapsed.TotalMicroseconds / Queued;
            int launches = ResidualStackShape.Depth * (fused ? 4 : 6);
            Print($"stack {name} {median / 1000:F3}");
            Print($"# {name}: {launches} launches a pass; median of {Passes} synchronized passes {median / 1000:F3} ms; {Queued} passes queued back to back {queued / 1000:F3} ms each; {differing} of {cpu.Length} outputs differ from the CPU's bits");
            foreach ((string kind, Action<int> launch) in Kinds(stack, fused))
            {
                TimeKind(gpu, fused ? "fused" : "unfused", kind, launch);
            }
        }

        (double queuedLaunch, double roundTrip) = LaunchCost.Measure(gpu);
        Print($"launch empty_queued_us {queuedLaunch:F2}");
        Print($"launch empty_round_trip_us {roundTrip:F2}");
        Console.WriteLine(identical ? "# residual stack: GPU bits == CPU bits (fused and unfused)" : "# residual stack: BITS DIFFER between GPU and CPU");
        return identical;
    }

    private static (string Kind, Action<int> Launch)[] Kinds(GpuResidualStack stack, bool fused) => fused
        ?
        [
            ("LayerNorm(LN1)", stack.Norm1),
            ("Linear+GELU", stack.Fc1Gelu),
            ("Linear", stack.Fc2),
            ("LayerNorm+residual(LN2)", stack.Norm2Residual),
        ]
        :
        [
            ("LayerNorm(LN1)", stack.Norm1),
            ("Linear(fc1)", stack.Fc1),
            ("GELU", stack.Gelu),
            ("Linear", stack.Fc2),
            ("LayerNorm(LN2)", stack.Norm2),
            ("add", stack.Add),
        ];

    /// <summary>The 20 launches of one kind: queued back to back then synchronized, and synchronized after each (the old profile's method).</summary>
    private static void TimeKind(GpuDevice gpu, string stackName, string kind, Action<int> launch)
    {
        double queued = StackTiming.Median(KindRepeats, () =>
        {
            for (int i = 0; i < ResidualStackShape.Depth; i++)
            {
                launch(i);
            }

            gpu.Synchronize();
        });
        double synchronized = StackTiming.Median(KindRepeats, () =>
        {
            for (int i = 0; i < ResidualStackShape.Depth; i++)
            {
                launch(i);
                gpu.Synchronize();
            }
        });
        Print($"kind {stackName} {kind} {ResidualStackShape.Depth} {queued / 1000:F4} {synchronized / 1000:F4}");
    }

    private static void Export(ResidualStackModel model, float[] input, float[] output, string directory)
    {
        Directory.CreateDirectory(directory);
        var writer = new SafetensorsWriter();
        foreach ((string name, float[] values, int[] shape) in model.NamedParameters())
        {
            writer.Add(name, values, shape);
        }

        int[] activation = [1, ResidualStackShape.Sequence, ResidualStackShape.Width];
        writer.Add("input", input, activation);
        writer.Add("kernelgen_output", output, activation);
        string path = Path.Combine(directory, "residual_stack.safetensors");
        writer.Save(path);
        Console.WriteLine($"# exported parameters, input and the CPU's output to {path}");
    }
}
