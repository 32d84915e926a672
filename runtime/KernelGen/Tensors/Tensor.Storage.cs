using System;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

public sealed partial class Tensor
{
    private readonly DeviceStorage? _storage;
    private readonly long _offset;
    private readonly bool _ownsStorage;
    private bool _disposed;

    private Tensor(DeviceStorage storage, long offset, int[] shape, bool ownsStorage)
    {
        _shape = shape;
        Shape = Array.AsReadOnly(_shape);
        Length = CheckedLength(shape, nameof(shape));
        _storage = storage;
        _offset = offset;
        _ownsStorage = ownsStorage;
    }

    /// <summary>Where the values live: <see cref="Device.Cpu"/> or a <see cref="GpuDevice"/>.</summary>
    public Device Device => _storage?.Device ?? Device.Cpu;

    /// <summary>Whether <see cref="Dispose"/> has run on this tensor, or on the tensor whose memory this view shares.</summary>
    public bool IsDisposed => _disposed || (_storage?.IsReleased ?? false);

    /// <summary>The values on the device, row-major (GPU tensors only): the entry point for ILGPU kernels of your own.</summary>
    /// <exception cref="InvalidOperationException">The tensor lives on the host.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public ArrayView<float> View
    {
        get
        {
            ThrowIfDisposed();
            if (_storage is null)
            {
                throw new InvalidOperationException($"{this} lives on the host: View is a device view. Use Span or Memory, or To(gpu) first.");
            }

            return _storage.Slice(_offset, Length).AsContiguous();
        }
    }

    /// <summary>Creates a zero-filled tensor of the given shape on <paramref name="device"/>.</summary>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public static Tensor Zeros(Device device, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device is not GpuDevice gpu)
        {
            return new Tensor(shape);
        }

        Tensor tensor = OnDevice(gpu, shape);
        tensor.View.MemSetToZero(gpu.Accelerator.DefaultStream);
        return tensor;
    }

    /// <summary>
    /// This tensor on <paramref name="device"/>: itself when it is already there, otherwise a copy. A copy to a
    /// GPU is queued without waiting; a copy to the host waits for the device.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor or the device was disposed.</exception>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ThrowIfDisposed();
        if (ReferenceEquals(device, Device))
        {
            return this;
        }

        if (device is GpuDevice gpu)
        {
            Tensor copy = Allocate(gpu, _shape);
            if (_storage is null)
            {
                copy.CopyFrom(_host.Span);
            }
            else
            {
                copy.CopyFrom(ToArray());
            }

            return copy;
        }

        var values = new float[Length];
        CopyTo(values);
        return new Tensor(values, _shape);
    }

    /// <summary>Copies the values to a new host array, waiting for the device when the tensor lives on one.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public float[] ToArray()
    {
        var values = new float[Length];
        CopyTo(values);
        return values;
    }

    /// <summary>Copies the values to <paramref name="destination"/> (exactly <see cref="Length"/> values), waiting for the device when the tensor lives on one.</summary>
    /// <exception cref="ArgumentException">The destination's length is not <see cref="Length"/>.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public void CopyTo(Span<float> destination)
    {
        ThrowIfDisposed();
        CheckLength(destination.Length, nameof(destination));
        if (_storage is null)
        {
            _host.Span.CopyTo(destination);
            return;
        }

        AcceleratorStream stream = _storage.Device.Accelerator.DefaultStream;
        _storage.Slice(_offset, Length).CopyToCPU(stream, destination);
        stream.Synchronize();
    }

    /// <summary>Copies <paramref name="source"/> (exactly <see cref="Length"/> values) into the tensor; on a GPU the copy is queued on the default stream.</summary>
    /// <exception cref="ArgumentException">The source's length is not <see cref="Length"/>.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public void CopyFrom(ReadOnlySpan<float> source)
    {
        ThrowIfDisposed();
        CheckLength(source.Length, nameof(source));
        if (_storage is null)
        {
            source.CopyTo(_host.Span);
            return;
        }

        _storage.Slice(_offset, Length).CopyFromCPU(_storage.Device.Accelerator.DefaultStream, source);
    }

    /// <summary>
    /// Gives a GPU tensor's memory back to its device's pool (views of it become unusable too); marks a host
    /// tensor disposed. Any later use but <see cref="Shape"/>, <see cref="Length"/> and <see cref="ToString"/>
    /// throws <see cref="ObjectDisposedException"/>. Safe to call twice.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsStorage)
        {
            _storage!.Release();
        }
    }

    /// <summary>An uninitialized tensor on <paramref name="device"/> for a layer's output, owned by the current <see cref="TensorScope"/> if any.</summary>
    internal static Tensor Allocate(Device device, int[] shape)
    {
        Tensor tensor = device is GpuDevice gpu ? OnDevice(gpu, shape) : new Tensor(shape);
        TensorScope.Track(tensor);
        return tensor;
    }

    /// <summary>
    /// A tensor of <paramref name="shape"/> on <paramref name="device"/> holding <paramref name="values"/> (wrapped on
    /// the host, copied to a GPU), owned by the current <see cref="TensorScope"/> if any.
    /// </summary>
    internal static Tensor FromHost(float[] values, int[] shape, Device device)
    {
        if (device is GpuDevice gpu)
        {
            Tensor onDevice = Allocate(gpu, shape);
            onDevice.CopyFrom(values);
            return onDevice;
        }

        var tensor = new Tensor(values, shape);
        TensorScope.Track(tensor);
        return tensor;
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/>, naming the tensor, when it was disposed.</summary>
    internal void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(
                ToString(),
                $"{this} was disposed{(_storage is null ? string.Empty : " and its memory went back to the pool")}: it cannot be used any more. Keep a tensor that outlives a TensorScope with TensorScope.Keep.");
        }
    }

    /// <summary>The GPU a tensor lives on, or <see langword="null"/> for the host; checks the tensor is usable.</summary>
    internal GpuDevice? Gpu
    {
        get
        {
            ThrowIfDisposed();
            return _storage?.Device;
        }
    }

    private static Tensor OnDevice(GpuDevice device, int[] shape)
    {
        int length = CheckedLength(shape, nameof(shape));
        var storage = new DeviceStorage(device, device.Pool.Rent(Math.Max(length, 1), $"a tensor {FormatShape(shape)}"));
        return new Tensor(storage, 0, (int[])shape.Clone(), ownsStorage: true);
    }

    private Tensor DeviceView(long offset, int[] shape)
    {
        ThrowIfDisposed();
        return new Tensor(_storage!, _offset + offset, (int[])shape.Clone(), ownsStorage: false);
    }

    private void ThrowIfNotOnHost(string member)
    {
        ThrowIfDisposed();
        if (_storage is not null)
        {
            throw new InvalidOperationException(
                $"{this} lives on the device, not in host memory: {member} is for host tensors. Use ToArray(), CopyTo(span) or To(Device.Cpu).");
        }
    }

    private void CheckLength(int length, string paramName)
    {
        if (length != Length)
        {
            throw new ArgumentException($"{paramName} has {length} values; {this} holds {Length}.", paramName);
        }
    }
}
