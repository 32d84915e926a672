using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The device buffers a GPU layer stages host rows through: rented once, grown when a larger batch
/// comes, and reused. <c>Run</c> copies the input in, launches, copies the output back and waits.
/// Callers serialize calls (the GPU layers hold a lock).
/// </summary>
/// <param name="device">The device the buffers live on.</param>
/// <param name="owner">The layer's type name, for out-of-memory messages.</param>
internal sealed class HostStaging(GpuDevice device, string owner) : IDisposable
{
    private MemoryBuffer1D<float, Stride1D.Dense>? _input;
    private MemoryBuffer1D<float, Stride1D.Dense>? _output;
    private MemoryBuffer1D<float, Stride1D.Dense>? _residual;

    /// <summary>Runs <paramref name="launch"/> on device copies of <paramref name="input"/> and <paramref name="output"/>, on the default stream.</summary>
    public void Run(ReadOnlySpan<float> input, Span<float> output, Action<ArrayView<float>, ArrayView<float>> launch)
    {
        ArrayView1D<float, Stride1D.Dense> inputView = Rent(ref _input, input.Length, "the input");
        ArrayView1D<float, Stride1D.Dense> outputView = Rent(ref _output, output.Length, "the output");
        AcceleratorStream stream = device.Accelerator.DefaultStream;
        inputView.CopyFromCPU(stream, input);
        launch(inputView.AsContiguous(), outputView.AsContiguous());
        outputView.CopyToCPU(stream, output);
        stream.Synchronize();
    }

    /// <summary>As <see cref="Run(ReadOnlySpan{float}, Span{float}, Action{ArrayView{float}, ArrayView{float}})"/>, with a second input (a residual).</summary>
    public void Run(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, Action<ArrayView<float>, ArrayView<float>, ArrayView<float>> launch)
    {
        ArrayView1D<float, Stride1D.Dense> residualView = Rent(ref _residual, residual.Length, "the residual");
        residualView.CopyFromCPU(device.Accelerator.DefaultStream, residual);
        Run(input, output, (x, y) => launch(x, residualView.AsContiguous(), y));
    }

    /// <summary>Frees the buffers (a no-op for those never rented).</summary>
    public void Dispose()
    {
        _input?.Dispose();
        _output?.Dispose();
        _residual?.Dispose();
    }

    private ArrayView1D<float, Stride1D.Dense> Rent(ref MemoryBuffer1D<float, Stride1D.Dense>? buffer, int length, string what)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer?.Dispose();
            buffer = null;
            buffer = device.Allocate<float>(length, $"{what} of {owner}");
        }

        return buffer.View.SubView(0, length);
    }
}
