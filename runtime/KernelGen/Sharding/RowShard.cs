using System;

namespace KernelGen;

/// <summary>
/// The rows of a batch that one device of a <see cref="DataParallel{TModule}"/> computes: rows
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>) of <see cref="BatchRows"/>, on <see cref="Device"/>.
/// <see cref="Take(Tensor)"/> and <see cref="Take{T}(ReadOnlySpan{T})"/> cut the same rows out of every input of a
/// batch (token ids, valid lengths, masks), so that they stay consistent with each other.
/// </summary>
public sealed class RowShard
{
    internal RowShard(int index, Device device, int start, int count, int batchRows)
    {
        Index = index;
        Device = device;
        Start = start;
        Count = count;
        BatchRows = batchRows;
    }

    /// <summary>The shard's position in the device list (and in the gathered result).</summary>
    public int Index { get; }

    /// <summary>The device that computes these rows.</summary>
    public Device Device { get; }

    /// <summary>The first row of the batch in this shard.</summary>
    public int Start { get; }

    /// <summary>The rows in this shard (0 when the batch has fewer rows than there are devices).</summary>
    public int Count { get; }

    /// <summary>The rows of the whole batch.</summary>
    public int BatchRows { get; }

    /// <summary>
    /// This shard's rows of <paramref name="batch"/> (its first dimension), on <see cref="Device"/>: a view when
    /// the batch already lives there, otherwise a copy owned by the shard's <see cref="TensorScope"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The batch's first dimension is not <see cref="BatchRows"/>.</exception>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public Tensor Take(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Rank == 0 || batch.Shape[0] != BatchRows)
        {
            throw new ArgumentException(
                $"batch is {batch}; it needs a first dimension of {BatchRows}, the rows of the batch being sharded.", nameof(batch));
        }

        return batch.SliceRows(Start, Count).To(Device);
    }

    /// <summary>
    /// This shard's rows of <paramref name="batch"/>, a row-major array of <see cref="BatchRows"/> rows of equal
    /// length: token ids <c>[batch, sequence]</c>, valid lengths <c>[batch]</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <exception cref="ArgumentException">The length of <paramref name="batch"/> is not a multiple of <see cref="BatchRows"/>.</exception>
    public ReadOnlySpan<T> Take<T>(ReadOnlySpan<T> batch)
    {
        if (BatchRows == 0 ? !batch.IsEmpty : batch.Length % BatchRows != 0)
        {
            throw new ArgumentException(
                BatchRows == 0
                    ? $"batch has {batch.Length} values; it needs none, as the batch being sharded has 0 rows."
                    : $"batch has {batch.Length} values; it needs {BatchRows} rows of equal length (a multiple of {BatchRows}).",
                nameof(batch));
        }

        int rowLength = BatchRows == 0 ? 0 : batch.Length / BatchRows;
        return batch.Slice(Start * rowLength, Count * rowLength);
    }

    /// <inheritdoc/>
    public override string ToString() => $"shard {Index}: rows [{Start}, {Start + Count}) of {BatchRows} on {Device.Description}";
}
