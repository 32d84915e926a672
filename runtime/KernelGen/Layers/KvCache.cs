using System;

namespace KernelGen;

/// <summary>
/// The keys and values of one sequence's past positions, for decoding one token at a time with
/// <see cref="AttentionLayer.Decode"/>. Rows are appended in position order; a decode step at position
/// p attends over rows 0..p exactly as a causal prefill's row p does, so it gives the same bits.
/// </summary>
public sealed class KvCache
{
    private readonly float[] _keys;
    private readonly float[] _values;

    /// <summary>Creates an empty cache for <paramref name="capacity"/> positions of rows of <paramref name="width"/> values (heads × headDim).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public KvCache(int capacity, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Capacity = capacity;
        Width = width;
        _keys = new float[checked(capacity * width)];
        _values = new float[_keys.Length];
    }

    /// <summary>The most positions the cache holds.</summary>
    public int Capacity { get; }

    /// <summary>The length of a key or value row (heads × headDim).</summary>
    public int Width { get; }

    /// <summary>The positions appended so far.</summary>
    public int Length { get; private set; }

    /// <summary>The cached keys, <c>[Length, Width]</c>.</summary>
    public ReadOnlySpan<float> Keys => _keys.AsSpan(0, Length * Width);

    /// <summary>The cached values, <c>[Length, Width]</c>.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Length * Width);

    /// <summary>Appends the key and value rows of the next position.</summary>
    /// <exception cref="ArgumentException">A row's length is not <see cref="Width"/>.</exception>
    /// <exception cref="InvalidOperationException">The cache is full.</exception>
    public void Append(ReadOnlySpan<float> key, ReadOnlySpan<float> value)
    {
        if (key.Length != Width)
        {
            throw new ArgumentException($"key has {key.Length} values; a cache row needs {Width}.", nameof(key));
        }

        if (value.Length != Width)
        {
            throw new ArgumentException($"value has {value.Length} values; a cache row needs {Width}.", nameof(value));
        }

        if (Length == Capacity)
        {
            throw new InvalidOperationException($"The cache is full: it holds {Capacity} positions. Create it with a larger capacity.");
        }

        key.CopyTo(_keys.AsSpan(Length * Width));
        value.CopyTo(_values.AsSpan(Length * Width));
        Length++;
    }

    /// <summary>Forgets every position.</summary>
    public void Clear() => Length = 0;
}
