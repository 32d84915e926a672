using System;
using System.Globalization;

namespace KernelGen.Benchmarks;

/// <summary>
/// One computation set up twice on the same parameters, input and thread count: KernelGen's generated layers
/// and an ONNX Runtime session of the same graph. The benchmarks, the <c>--scaling</c> and the <c>--profile</c>
/// modes all time these.
/// </summary>
internal abstract class ComparisonCase(OnnxRunner onnx, float tolerance) : IDisposable
{
    /// <summary>The ONNX Runtime side.</summary>
    public OnnxRunner Onnx { get; } = onnx;

    /// <summary>What the case computes, for messages.</summary>
    public abstract string Name { get; }

    /// <summary>When set, a whole model's KernelGen runs add their time per layer kind to it.</summary>
    public LayerClock? Clock { get; set; }

    public void RunKernelGen() => ForwardKernelGen();

    public void RunOnnxRuntime() => Onnx.Run();

    /// <summary>
    /// Runs both sides once and returns the largest |KernelGen − ONNX Runtime| over the output, after printing it;
    /// throws above the case's tolerance: different summation orders differ in the last bits, a wrong graph by far more.
    /// </summary>
    public float CheckAgreement()
    {
        ReadOnlySpan<float> ours = ForwardKernelGen();
        Onnx.Run();
        float[] peer = Onnx.Output;
        float largest = 0f;
        for (int i = 0; i < peer.Length; i++)
        {
            float difference = MathF.Abs(ours[i] - peer[i]);
            largest = float.IsNaN(difference) ? float.NaN : MathF.Max(largest, difference);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Name}: max |KernelGen - ONNX Runtime| = {largest:G3} over {peer.Length} outputs (tolerance {tolerance:G3})"));
        if (!(largest <= tolerance))
        {
            throw new InvalidOperationException($"{Name}: KernelGen and ONNX Runtime differ by up to {largest}: the benchmark is not comparing the same computation.");
        }

        return largest;
    }

    public virtual void Dispose() => Onnx.Dispose();

    /// <summary>Runs KernelGen's side once and returns its output.</summary>
    protected abstract ReadOnlySpan<float> ForwardKernelGen();
}
