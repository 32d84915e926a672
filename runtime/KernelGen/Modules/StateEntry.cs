using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// One tensor of a module's state dict: its PyTorch name (<c>blocks.3.fc1.weight</c>), shape and type,
/// and a copy of its values on request. Change values with <see cref="Module.LoadStateDict(SafetensorsFile, bool)"/>
/// or a layer's <c>SetParameters</c>, which keep the packed and device copies in step.
/// </summary>
public sealed class StateEntry
{
    private readonly StateSlot _slot;

    internal StateEntry(string name, StateSlot slot)
    {
        Name = name;
        _slot = slot;
        Shape = Array.AsReadOnly(slot.Shape);
    }

    /// <summary>The dotted state-dict name.</summary>
    public string Name { get; }

    /// <summary>The extents, outermost first (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The shape as PyTorch prints it, for example <c>(384, 1536)</c>.</summary>
    public string ShapeString => Tensor.FormatShape(Shape);

    /// <summary>Whether this is a buffer (BatchNorm's running statistics) rather than a learned parameter.</summary>
    public bool IsBuffer => _slot.IsBuffer;

    /// <summary><see cref="SafetensorsDType.F32"/>, or <see cref="SafetensorsDType.I64"/> for a counter such as <c>num_batches_tracked</c>.</summary>
    public SafetensorsDType DType => _slot.IsInt64 ? SafetensorsDType.I64 : SafetensorsDType.F32;

    internal StateSlot Slot => _slot;

    /// <summary>A copy of the float32 values, row-major.</summary>
    /// <exception cref="InvalidOperationException">The entry is an int64 counter (<see cref="ToInt64"/>).</exception>
    public float[] ToArray()
    {
        if (_slot.IsInt64)
        {
            throw new InvalidOperationException($"{Name} is an I64 scalar: read it with ToInt64().");
        }

        return _slot.Values.ToArray();
    }

    /// <summary>A host tensor holding a copy of the values.</summary>
    /// <exception cref="InvalidOperationException">The entry is an int64 counter (<see cref="ToInt64"/>).</exception>
    public Tensor ToTensor() => new(ToArray(), _slot.Shape);

    /// <summary>The value of an int64 scalar entry.</summary>
    /// <exception cref="InvalidOperationException">The entry holds float32 values (<see cref="ToArray"/>).</exception>
    public long ToInt64() => _slot.ReadInt64?.Invoke()
        ?? throw new InvalidOperationException($"{Name} holds F32 values: read them with ToArray() or ToTensor().");

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DType} {ShapeString}";
}
