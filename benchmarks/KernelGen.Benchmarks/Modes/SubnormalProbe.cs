using System;
using System.Diagnostics;
using System.Linq;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>--subnormal-probe</c>: times the stack's 768 → 768 Linear (1024 rows, 1 thread) on GELU outputs as
/// they are (correctly rounded: the inputs below about −13 give subnormal values) and on the same inputs with
/// their subnormal values replaced by zero, and ONNX Runtime's MatMul on both. A diagnosis of the processor's
/// floating-point assists, not a result of the library: the second input changes the bits. Since the layers
/// scale their operands exactly (<see cref="CpuOperandScaling"/>), "as computed" should run as fast as the
/// flushed input with the bits of the unscaled chain (docs/cpu-kernels.md, "Exact operand scaling").
/// </summary>
internal static class SubnormalProbe
{
    public static int Run()
    {
        const int rows = 1024, width = ResidualStack.Width;
        var layer = new StackLinear();
        var weight = new float[width * width];
        new PhiloxRandom(2024, 0).FillNormal(weight, 0f, ResidualStack.WeightStd);
        layer.SetParameters(weight, new float[width]);
        var transposed = new float[width * width];
        for (int j = 0; j < width; j++)
        {
            for (int k = 0; k < width; k++)
            {
                transposed[(k * width) + j] = weight[(j * width) + k];
            }
        }

        var preActivation = new float[rows * width];
        new PhiloxRandom(2024, 1).FillNormal(preActivation, 0f, 5.5f);
        float[] gelu = preActivation.ToArray();
        ActivationKernels.Apply(SimdPath.Auto, ActivationFunction.Gelu, gelu.AsSpan());
        float[] flushed = gelu.Select(v => float.IsSubnormal(v) ? 0f : v).ToArray();
        int subnormals = gelu.Count(float.IsSubnormal);
        Console.WriteLine($"inputs: {gelu.Length}, subnormal: {subnormals} ({100.0 * subnormals / gelu.Length:F2} %), zero: {gelu.Count(v => v == 0f)}");

        var options = new CpuExecutionOptions { MaxDegreeOfParallelism = 1 };
        var output = new float[rows * width];
        using var onnx = new OnnxRunner(OnnxMatMulModel.Create(rows, width, width, transposed), 1);
        var onnxInput = new float[rows * width];
        onnx.Input("A", onnxInput);
        // The same products exactly: x·2^24 and w·2^-24 are exact here (no overflow, no weight near the subnormals).
        var scaledLayer = new StackLinear();
        scaledLayer.SetParameters(weight.Select(v => v * (1f / (1 << 24))).ToArray(), new float[width]);
        float[] scaledInput = gelu.Select(v => v * (1 << 24)).ToArray();
        float[] plain = new float[rows * width], scaled = new float[rows * width];
        layer.Forward(gelu, plain, options);
        scaledLayer.Forward(scaledInput, scaled, options);
        Console.WriteLine($"scaled operands give the same bits: {plain.AsSpan().SequenceEqual(scaled)}; subnormal inputs after scaling: {scaledInput.Count(float.IsSubnormal)}");
        Console.WriteLine($"scaled x*2^24, w*2^-24: KernelGen {Median(() => scaledLayer.Forward(scaledInput, output, options)):F2} ms");
        foreach ((string name, float[] input) in new[] { ("as computed", gelu), ("subnormals -> 0", flushed), ("as computed", gelu), ("subnormals -> 0", flushed) })
        {
            double ours = Median(() => layer.Forward(input, output, options));
            input.CopyTo(onnxInput, 0);
            double theirs = Median(onnx.Run);
            Console.WriteLine($"{name,-16}: KernelGen {ours:F2} ms, ONNX Runtime MatMul {theirs:F2} ms");
        }

        Console.WriteLine($"scaled x*2^24, w*2^-24: KernelGen {Median(() => scaledLayer.Forward(scaledInput, output, options)):F2} ms");

        return 0;
    }

    private static double Median(Action action)
    {
        action();
        var times = new double[11];
        for (int i = 0; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }
}
