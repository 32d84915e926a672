using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// Device scratch rented from a <see cref="TensorPool"/> for one call and given back on dispose, without
/// waiting: work queued later on the default stream runs after the kernels that used it.
/// </summary>
internal readonly struct PooledScratch : IDisposable
{
    private readonly TensorPool _pool;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _buffer;

    public PooledScratch(GpuDevice device, long floats, string what)
    {
        _pool = device.Pool;
        _buffer = _pool.Rent(Math.Max(floats, 1), what);
        Length = floats;
    }

    /// <summary>The floats asked for (the buffer may be larger).</summary>
    public long Length { get; }

    /// <summary>The first <see cref="Length"/> floats.</summary>
    public ArrayView<float> Floats => _buffer.View.SubView(0, Length).AsContiguous();

    /// <summary>The first <paramref name="count"/> 32-bit slots as integers (a float and an int are both four bytes).</summary>
    public ArrayView<int> Ints(long count) => _buffer.View.AsContiguous().Cast<int>().SubView(0, count);

    public void Dispose() => _pool.Return(_buffer);
}
