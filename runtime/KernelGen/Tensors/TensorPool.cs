using System;
using System.Collections.Generic;
using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The device memory of one <see cref="GpuDevice"/> that tensors and scratch buffers rent: free lists by
/// size class (powers of two split in four, so a buffer wastes at most a fifth of itself), reused without
/// synchronizing. That is safe because every kernel and copy runs in order on the device's default
/// stream: a buffer returned after queuing a kernel is only reused by work queued after that kernel.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class TensorPool
{
    /// <summary>The smallest size class, in floats: smaller requests share it.</summary>
    private const long MinimumClass = 256;

    private readonly GpuDevice _device;
    private readonly Dictionary<long, Stack<MemoryBuffer1D<float, Stride1D.Dense>>> _free = [];
    private readonly object _gate = new();
    private long _allocations;
    private long _rents;
    private long _returns;
    private long _bytesAllocated;
    private long _bytesRented;

    internal TensorPool(GpuDevice device) => _device = device;

    /// <summary>The counters now.</summary>
    public TensorPoolStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new(_allocations, _rents, _returns, _bytesAllocated, _bytesRented);
            }
        }
    }

    /// <summary>Frees every buffer that is not rented out (a later rent allocates again).</summary>
    public void Trim() => Clear(deviceDisposed: false);

    /// <summary>The size class, in floats, that serves a request of <paramref name="length"/> floats.</summary>
    internal static long SizeClassOf(long length)
    {
        if (length <= MinimumClass)
        {
            return MinimumClass;
        }

        long power = 1L << (63 - BitOperations.LeadingZeroCount((ulong)(length - 1))); // largest power of two below length
        long quarter = power / 4;
        return (length + quarter - 1) / quarter * quarter;
    }

    /// <summary>Rents a buffer of at least <paramref name="length"/> floats; <paramref name="what"/> names it in an out-of-memory error.</summary>
    /// <exception cref="GpuOutOfMemoryException">The device has not enough free memory even after the pool freed its idle buffers.</exception>
    internal MemoryBuffer1D<float, Stride1D.Dense> Rent(long length, string what)
    {
        long size = SizeClassOf(length);
        lock (_gate)
        {
            _rents++;
            _bytesRented += size * sizeof(float);
            if (_free.TryGetValue(size, out Stack<MemoryBuffer1D<float, Stride1D.Dense>>? stack) && stack.Count > 0)
            {
                return stack.Pop();
            }

            try
            {
                MemoryBuffer1D<float, Stride1D.Dense> buffer = AllocateOrTrim(size, what);
                _allocations++;
                _bytesAllocated += size * sizeof(float);
                return buffer;
            }
            catch
            {
                _rents--;
                _bytesRented -= size * sizeof(float);
                throw;
            }
        }
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/>; later work queued on the device may reuse it at once.</summary>
    internal void Return(MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        lock (_gate)
        {
            _returns++;
            _bytesRented -= buffer.Length * sizeof(float);
            if (_device.IsDisposed)
            {
                return; // the accelerator freed it
            }

            if (!_free.TryGetValue(buffer.Length, out Stack<MemoryBuffer1D<float, Stride1D.Dense>>? stack))
            {
                stack = new Stack<MemoryBuffer1D<float, Stride1D.Dense>>();
                _free.Add(buffer.Length, stack);
            }

            stack.Push(buffer);
        }
    }

    /// <summary>Frees the idle buffers (without touching the accelerator when it is already disposed).</summary>
    internal void Clear(bool deviceDisposed)
    {
        lock (_gate)
        {
            foreach (Stack<MemoryBuffer1D<float, Stride1D.Dense>> stack in _free.Values)
            {
                while (stack.TryPop(out MemoryBuffer1D<float, Stride1D.Dense>? buffer))
                {
                    _bytesAllocated -= buffer.Length * sizeof(float);
                    if (!deviceDisposed)
                    {
                        buffer.Dispose();
                    }
                }
            }

            _free.Clear();
        }
    }

    private MemoryBuffer1D<float, Stride1D.Dense> AllocateOrTrim(long size, string what)
    {
        try
        {
            return _device.Allocate<float>(size, what);
        }
        catch (GpuOutOfMemoryException) when (_free.Count > 0)
        {
            Clear(deviceDisposed: false); // idle buffers of other sizes may be what stands in the way
            return _device.Allocate<float>(size, what);
        }
    }
}
