using System;
using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace KernelGen;

/// <summary>
/// A GPU (or ILGPU's CPU accelerator) that runs generated kernels: it owns the ILGPU context and
/// accelerator and caches one loaded kernel per layer type. Dispose it when done; layers moved to
/// it with <see cref="LinearLayer.ToGpu"/> must be disposed first.
/// </summary>
/// <example>
/// <code>
/// using var gpu = GpuDevice.OpenCuda();
/// using var onGpu = layer.ToGpu(gpu);
/// float[] y = onGpu.Forward(x);
/// </code>
/// </example>
public sealed class GpuDevice : Device, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly ConcurrentDictionary<Type, Lazy<object>> _kernels = new();
    private volatile bool _disposed;
    private volatile bool _kernelLoadFailed;

    private GpuDevice(Context context, Accelerator accelerator, GpuDeviceKind kind)
    {
        _context = context;
        _accelerator = accelerator;
        Kind = kind;
        Name = accelerator.Name;
        Pool = new TensorPool(this);
    }

    /// <summary>The accelerator's name, for example <c>NVIDIA H100 80GB HBM3</c>.</summary>
    public string Name { get; }

    /// <summary>Whether this is a CUDA GPU or ILGPU's CPU accelerator.</summary>
    public GpuDeviceKind Kind { get; }

    /// <summary>The accelerator, for callers that launch their own ILGPU kernels next to KernelGen's.</summary>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public Accelerator Accelerator
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _accelerator;
        }
    }

    /// <summary>The device memory that tensors on this device rent and return (<see cref="TensorPool.Statistics"/> counts it).</summary>
    public TensorPool Pool { get; }

    /// <inheritdoc/>
    public override string Description => $"{Name} ({Kind})";

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// Opens CUDA device <paramref name="deviceIndex"/>. Kernels are compiled with ILGPU's
    /// <see cref="OptimizationLevel.O2"/> (about 18× faster than its default on an H100).
    /// </summary>
    /// <exception cref="GpuUnavailableException">No CUDA driver or device, or the index is past the last device.</exception>
    public static GpuDevice OpenCuda(int deviceIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        Context context;
        try
        {
            context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new GpuUnavailableException(
                $"No CUDA device is available: ILGPU could not initialise its CUDA backend ({exception.Message}).", exception);
        }

        try
        {
            int count = context.GetCudaDevices().Count;
            if (count == 0)
            {
                throw new GpuUnavailableException(
                    "No CUDA device is available: ILGPU found 0 CUDA devices (is an NVIDIA driver installed and libcuda on the library path?).");
            }

            if (deviceIndex >= count)
            {
                throw new GpuUnavailableException(
                    $"CUDA device {deviceIndex} was requested, but ILGPU found only {count} CUDA device(s) (indices 0 to {count - 1}).");
            }

            Accelerator accelerator = context.CreateCudaAccelerator(deviceIndex);
            return new GpuDevice(context, accelerator, GpuDeviceKind.Cuda);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Tries to open CUDA device <paramref name="deviceIndex"/>; on failure returns
    /// <see langword="null"/> and says why in <paramref name="reason"/>.
    /// </summary>
    public static GpuDevice? TryOpenCuda(out string reason, int deviceIndex = 0)
    {
        try
        {
            GpuDevice device = OpenCuda(deviceIndex);
            reason = string.Empty;
            return device;
        }
        catch (GpuUnavailableException exception)
        {
            reason = exception.Message;
            return null;
        }
    }

    /// <summary>
    /// Opens ILGPU's CPU accelerator, which runs the same generated GPU kernels on the CPU (with
    /// <see cref="CpuMath"/>). Always available; slow; for tests and comparisons.
    /// </summary>
    public static GpuDevice OpenCpuAccelerator()
    {
        // Warps of 32 threads, as on a GPU: the row kernels reduce across a warp's lanes with shuffles. The tiled
        // kernels use groups of 16 × 16 threads (8 warps). Two multiprocessors let small batches exercise the
        // small-tile kernel, as they do on a GPU.
        var device = new CPUDevice(numThreadsPerWarp: 32, numWarpsPerMultiprocessor: 8, numMultiprocessors: 2);
        Context context = Context.Create(builder => builder.CPU(device).Optimize(OptimizationLevel.O2));
        try
        {
            return new GpuDevice(context, context.CreateCPUAccelerator(0), GpuDeviceKind.CpuAccelerator);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Waits until every kernel and copy queued on the accelerator's default stream has finished.</summary>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>
    /// Allocates a buffer of <paramref name="length"/> floats on this device, for chaining layers on
    /// device-resident data (<c>Forward(ArrayView, ArrayView)</c>). Dispose it before the device.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="GpuOutOfMemoryException">The device has not enough free memory; it stays usable.</exception>
    public MemoryBuffer1D<float, Stride1D.Dense> Allocate(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Allocate<float>(length, "a buffer");
    }

    /// <summary>Allocates <paramref name="length"/> elements, turning the accelerator's out-of-memory error into <see cref="GpuOutOfMemoryException"/>.</summary>
    internal MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length, string what)
        where T : unmanaged
    {
        Accelerator accelerator = Accelerator;
        try
        {
            return accelerator.Allocate1D<T>(length);
        }
        catch (Exception exception) when (IsOutOfMemory(exception))
        {
            long bytes = length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            throw new GpuOutOfMemoryException(
                $"Allocating {what} of {bytes:N0} bytes on {Name} failed: the device is out of memory ({accelerator.MemorySize:N0} bytes in all). " +
                "Nothing was allocated and the device is still usable: free device buffers or use smaller batches.",
                exception)
            {
                RequestedBytes = bytes,
            };
        }
    }

    /// <summary>Allocates a buffer holding a copy of <paramref name="values"/>.</summary>
    internal MemoryBuffer1D<float, Stride1D.Dense> AllocateCopy(float[] values, string what)
    {
        MemoryBuffer1D<float, Stride1D.Dense> buffer = Allocate<float>(values.Length, what);
        buffer.CopyFromCPU(values);
        return buffer;
    }

    private static bool IsOutOfMemory(Exception exception) =>
        exception is OutOfMemoryException
        || (exception is ILGPU.Runtime.Cuda.CudaException cuda && cuda.Error.ToString().Contains("OUT_OF_MEMORY", StringComparison.Ordinal));

    /// <summary>Returns the kernel cached for <paramref name="key"/>, loading it with <paramref name="load"/> the first time.</summary>
    /// <exception cref="KernelLoadException">Loading failed; the failure is not cached, and the device stays usable.</exception>
    internal TKernel GetOrLoadKernel<TKernel>(Type key, Func<Accelerator, TKernel> load)
        where TKernel : class
    {
        Accelerator accelerator = Accelerator;
        Lazy<object> entry = _kernels.GetOrAdd(key, _ => new Lazy<object>(() => load(accelerator)));
        try
        {
            return (TKernel)entry.Value;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _kernels.TryRemove(new(key, entry));
            _kernelLoadFailed = true;
            throw new KernelLoadException(key, Name, exception);
        }
    }

    /// <summary>Releases the accelerator and the context. Never throws; safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _kernels.Clear();
        Pool.Clear(deviceDisposed: true);
        try
        {
            _accelerator.Dispose();
            _context.Dispose();
        }
        catch (Exception) when (_kernelLoadFailed)
        {
            // Measured with ILGPU 1.5.3 on CUDA: after a kernel fails to load, disposing the
            // accelerator can throw "invalid resource handle". The process is not harmed by it.
        }
    }
}
