using System;
using System.Linq;
using System.Runtime.InteropServices;
using KernelGen;

// BatchNorm today: running statistics mutated by a forward pass, biased vs unbiased variance differing
// by backend, NaN when a channel has one value. KernelGen: one documented semantics on every backend
// (docs/layers/batchnorm.md), the same bits on CPU and GPU, and a clear error instead of NaN.
const int Batch = 8, Channels = 4, Height = 5, Width = 5;
int spatial = Height * Width;
var x = new float[Batch * Channels * spatial];
new PhiloxRandom(seed: 11).FillNormal(x, 2f, 3f);

var cpu = new ImageNorm();
var gpuHost = new ImageNorm();
using GpuDevice? gpu = GpuDevice.TryOpenCuda(out string whyNoGpu);
using GpuBatchNormLayer? onGpu = gpu is null ? null : gpuHost.ToGpu(gpu);
Console.WriteLine($"KernelGen arithmetic {ArithmeticVersion.Name}: BatchNorm2d({Channels}), ε {cpu.Epsilon}, momentum {cpu.Momentum}; input N(2, 3) of shape ({Batch}, {Channels}, {Height}, {Width})");
Console.WriteLine(gpu is null ? $"GPU: none ({whyNoGpu})" : $"GPU: {gpu.Name} (CUDA)");
bool pass = true;

float[] y1 = Step("1. inference (test mode)", training: false);
float[] y2 = Step("2. training-mode forward", training: true);
float[] y3 = Step("3. inference again", training: false);

pass &= Check("step 3 differs from step 1 only because step 2 updated the running statistics", !Same(y1, y3));

Console.WriteLine();
Console.WriteLine("4. training with batch 1 and spatial size 1 (one value per channel):");
foreach ((string device, Action run) in Runs(new float[Channels], 1, 1))
{
    try
    {
        run();
        Console.WriteLine($"   {device}: no error — WRONG");
        pass = false;
    }
    catch (InvalidOperationException error)
    {
        Console.WriteLine($"   {device}: InvalidOperationException: {error.Message}");
    }
}

Console.WriteLine();
Console.WriteLine(pass
    ? $"VERDICT: PASS — inference never changes the state, training updates it with the unbiased variance{(gpu is null ? string.Empty : ", CPU and GPU give the same bits and the same state")}, one value per channel is a clear error"
    : "VERDICT: FAIL");
return pass ? 0 : 1;

float[] Step(string title, bool training)
{
    Console.WriteLine();
    Console.WriteLine(title + ":");
    float[] before = [.. cpu.RunningMean, .. cpu.RunningVar];
    var y = new float[x.Length];
    if (training)
    {
        cpu.ForwardTraining(x, y, Batch, spatial);
    }
    else
    {
        cpu.Forward(x, y, Batch, spatial);
    }

    float[] after = [.. cpu.RunningMean, .. cpu.RunningVar];
    Console.WriteLine($"   running mean {Format(cpu.RunningMean)}  running var {Format(cpu.RunningVar)}  batches tracked {cpu.NumBatchesTracked}");
    pass &= Check(training ? "   CPU: running statistics updated" : "   CPU: state unchanged", training != Same(before, after));

    if (onGpu is not null)
    {
        var yGpu = new float[x.Length];
        if (training)
        {
            onGpu.ForwardTraining(x, yGpu, Batch, spatial);
        }
        else
        {
            onGpu.Forward(x, yGpu, Batch, spatial);
        }

        pass &= Check("   GPU: output bits == CPU", Same(y, yGpu));
        pass &= Check("   GPU: running statistics bits == CPU", Same([.. cpu.RunningMean, .. cpu.RunningVar], [.. gpuHost.RunningMean, .. gpuHost.RunningVar]));
    }

    return y;
}

(string, Action)[] Runs(float[] input, int batch, int space)
{
    var output = new float[input.Length];
    return onGpu is null
        ? [("CPU", () => cpu.ForwardTraining(input, output, batch, space))]
        : [("CPU", () => cpu.ForwardTraining(input, output, batch, space)), ("GPU", () => onGpu.ForwardTraining(input, output, batch, space))];
}

static bool Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "yes" : "NO")}");
    return ok;
}

static bool Same(float[] a, float[] b) => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

static string Format(ReadOnlySpan<float> values) => "[" + string.Join(", ", values.ToArray().Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))) + "]";

/// <summary>The sample's BatchNorm2d over 4 channels, PyTorch's defaults.</summary>
[BatchNorm2d(4)]
internal sealed partial class ImageNorm;
