using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// A buffer rented from a <see cref="GpuDevice"/>'s <see cref="TensorPool"/>, shared by a tensor and its
/// views; the tensor that rented it returns it once.
/// </summary>
internal sealed class DeviceStorage(GpuDevice device, MemoryBuffer1D<float, Stride1D.Dense> buffer)
{
    public GpuDevice Device { get; } = device;

    public bool IsReleased { get; private set; }

    public ArrayView1D<float, Stride1D.Dense> Slice(long offset, long length) => buffer.View.SubView(offset, length);

    public void Release()
    {
        if (IsReleased)
        {
            return;
        }

        IsReleased = true;
        Device.Pool.Return(buffer);
    }
}
