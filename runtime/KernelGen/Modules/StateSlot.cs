using System;

namespace KernelGen;

/// <summary>
/// One tensor of a layer's state, by its local name (<c>weight</c>, <c>running_mean</c>): float32 values
/// the loader writes in place, or an int64 scalar (BatchNorm's <c>num_batches_tracked</c>).
/// </summary>
internal sealed class StateSlot
{
    private StateSlot(Module owner, string name, int[] shape, bool isBuffer, Memory<float> values, Func<long>? readInt64, Action<long>? writeInt64)
    {
        Owner = owner;
        Name = name;
        Shape = shape;
        IsBuffer = isBuffer;
        Values = values;
        ReadInt64 = readInt64;
        WriteInt64 = writeInt64;
    }

    /// <summary>The layer whose state this is; told when a load changed it.</summary>
    public Module Owner { get; }

    public string Name { get; }

    public int[] Shape { get; }

    /// <summary>A buffer (running statistics) rather than a learned parameter, as PyTorch tells them apart.</summary>
    public bool IsBuffer { get; }

    public bool IsInt64 => ReadInt64 is not null;

    /// <summary>The float32 values, row-major; empty for an int64 slot.</summary>
    public Memory<float> Values { get; }

    public Func<long>? ReadInt64 { get; }

    public Action<long>? WriteInt64 { get; }

    public static StateSlot Float(Module owner, string name, Memory<float> values, bool isBuffer, params int[] shape) =>
        new(owner, name, shape, isBuffer, values, null, null);

    public static StateSlot Int64Scalar(Module owner, string name, Func<long> read, Action<long> write) =>
        new(owner, name, [], isBuffer: true, Memory<float>.Empty, read, write);
}
