using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KernelGen;

/// <summary>
/// A dense, row-major float32 tensor: a shape and a block of memory of exactly that many values, on the
/// host or on a <see cref="GpuDevice"/> (<see cref="Device"/>). Slicing the leading dimension
/// (<see cref="SliceRows"/>) and <see cref="Reshape"/> return views that share memory.
/// </summary>
/// <remarks>
/// A tensor on a GPU holds device memory rented from the device's <see cref="TensorPool"/>: dispose it (or
/// create it inside a <see cref="TensorScope"/>) to give the memory back. Host-only members
/// (<see cref="Memory"/>, <see cref="Span"/>) throw <see cref="InvalidOperationException"/> on a GPU
/// tensor; <see cref="ToArray"/>, <see cref="CopyTo"/> and <see cref="To"/> work on every device.
/// </remarks>
public sealed partial class Tensor : IDisposable
{
    private readonly int[] _shape;
    private readonly Memory<float> _host;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    /// <param name="shape">The extents, outermost first; each must be ≥ 0.</param>
    public Tensor(params int[] shape)
        : this(new float[CheckedLength(shape, nameof(shape))], shape)
    {
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    /// <param name="data">Exactly as many values as the shape holds, row-major.</param>
    /// <param name="shape">The extents, outermost first; each must be ≥ 0.</param>
    /// <exception cref="ArgumentException">The length of <paramref name="data"/> does not match the shape.</exception>
    public Tensor(Memory<float> data, params int[] shape)
    {
        long length = CheckedLength(shape, nameof(shape));
        if (data.Length != length)
        {
            throw new ArgumentException(
                $"data has {data.Length} values but shape {FormatShape(shape)} needs {length}.", nameof(data));
        }

        _shape = (int[])shape.Clone();
        Shape = Array.AsReadOnly(_shape);
        _host = data;
        Length = data.Length;
    }

    /// <summary>The extents of the tensor, outermost first (read-only: a cast cannot change them).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of values.</summary>
    public int Length { get; }

    /// <summary>The values, row-major (host tensors only).</summary>
    /// <exception cref="InvalidOperationException">The tensor lives on a GPU.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Memory<float> Memory
    {
        get
        {
            ThrowIfNotOnHost(nameof(Memory));
            return _host;
        }
    }

    /// <summary>The values, row-major, as a span (host tensors only).</summary>
    /// <exception cref="InvalidOperationException">The tensor lives on a GPU.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Span<float> Span => Memory.Span;

    /// <summary>The extent of the last dimension (the row length); 1 for a scalar.</summary>
    public int RowLength => _shape.Length == 0 ? 1 : _shape[^1];

    /// <summary>The number of rows: the product of all dimensions but the last.</summary>
    public int RowCount => RowLength == 0 ? 0 : Length / RowLength;

    /// <summary>Creates a tensor of the given shape filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var tensor = new Tensor(shape);
        tensor.Span.Fill(value);
        return tensor;
    }

    /// <summary>Creates a tensor of <see cref="PhiloxRandom.NextSingle(float, float)"/> draws between <paramref name="low"/> and <paramref name="high"/>, in row-major order.</summary>
    public static Tensor Uniform(PhiloxRandom random, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var tensor = new Tensor(shape);
        random.Fill(tensor.Span, low, high);
        return tensor;
    }

    /// <summary>
    /// A view of <paramref name="count"/> entries of the first dimension starting at
    /// <paramref name="start"/>, sharing memory: PyTorch's <c>x[start:start+count]</c>.
    /// </summary>
    public Tensor SliceRows(int start, int count)
    {
        if (_shape.Length == 0)
        {
            throw new InvalidOperationException("A scalar tensor has no rows to slice.");
        }

        int outer = _shape[0];
        if ((uint)start > (uint)outer || (uint)count > (uint)(outer - start))
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), $"rows [{start}, {start + (long)count}) are outside dimension 0 of shape {FormatShape(_shape)}.");
        }

        int stride = outer == 0 ? 0 : Length / outer;
        int[] shape = (int[])_shape.Clone();
        shape[0] = count;
        return _storage is null ? new Tensor(Memory.Slice(start * stride, count * stride), shape) : DeviceView(start * stride, shape);
    }

    /// <summary>A view with the same values and a new shape of the same length, sharing memory.</summary>
    /// <exception cref="ArgumentException">The new shape holds another number of values.</exception>
    public Tensor Reshape(params int[] shape)
    {
        if (_storage is null)
        {
            return new Tensor(Memory, shape);
        }

        int length = CheckedLength(shape, nameof(shape));
        if (length != Length)
        {
            throw new ArgumentException($"shape {FormatShape(shape)} holds {length} values; {this} holds {Length}.", nameof(shape));
        }

        return DeviceView(0, shape);
    }

    /// <summary>Formats the shape as PyTorch prints it, for example <c>(16, 300, 1024)</c>.</summary>
    public string ShapeString => FormatShape(_shape);

    /// <inheritdoc/>
    public override string ToString() => _storage is null ? $"Tensor{ShapeString}" : $"Tensor{ShapeString} on {_storage.Device.Description}";

    internal static string FormatShape(IReadOnlyList<int> shape) =>
        shape.Count == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";

    internal static int CheckedLength(int[] shape, string paramName)
    {
        ArgumentNullException.ThrowIfNull(shape, paramName);
        if (Array.IndexOf(shape, 0) >= 0 && Array.TrueForAll(shape, extent => extent >= 0))
        {
            return 0; // a zero extent empties the tensor whatever the others are: (2147483647, 0) holds nothing
        }

        long length = 1;
        foreach (int extent in shape)
        {
            if (extent < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, $"shape {FormatShape(shape)} has a negative extent.");
            }

            length *= extent;
            if (length > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(
                    paramName, $"shape {FormatShape(shape)} holds more than {Array.MaxLength} values, the most one tensor can store.");
            }
        }

        return (int)length;
    }
}
