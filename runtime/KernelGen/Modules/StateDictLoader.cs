using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;

namespace KernelGen;

/// <summary>Checks a safetensors file against a module's state dict, all of it first, then loads it.</summary>
internal static class StateDictLoader
{
    public static void Load(Module module, SafetensorsFile file, bool strict)
    {
        ArgumentNullException.ThrowIfNull(file);
        IReadOnlyList<StateEntry> entries = module.StateDict();
        var missing = new List<string>();
        var misShaped = new List<string>();
        var misTyped = new List<string>();
        var present = new List<(StateEntry Entry, SafetensorsTensorInfo Info)>();
        foreach (StateEntry entry in entries)
        {
            if (!file.TryGetTensor(entry.Name, out SafetensorsTensorInfo? info))
            {
                missing.Add($"{entry.Name} {entry.ShapeString}");
            }
            else if (!info.Shape.SequenceEqual(entry.Shape))
            {
                misShaped.Add($"{entry.Name} is {Tensor.FormatShape(info.Shape)} in the file; the module needs {entry.ShapeString}");
            }
            else if (!Readable(info.DType, entry.DType))
            {
                misTyped.Add($"{entry.Name} is {info.DType} in the file; the module needs {Expected(entry.DType)}");
            }
            else
            {
                present.Add((entry, info));
            }
        }

        var expected = new HashSet<string>(entries.Select(entry => entry.Name), StringComparer.Ordinal);
        string[] unexpected = strict
            ? [.. file.Tensors.Where(info => !expected.Contains(info.Name)).Select(info => $"{info.Name} {Tensor.FormatShape(info.Shape)}")]
            : [];
        if (misShaped.Count > 0 || misTyped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Length > 0)))
        {
            throw StateDictMismatchException.Create(
                module.GetType().Name, strict ? [.. missing] : [], unexpected, [.. misShaped], [.. misTyped]);
        }

        var changed = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        foreach ((StateEntry entry, SafetensorsTensorInfo info) in present)
        {
            StateSlot slot = entry.Slot;
            if (slot.IsInt64)
            {
                slot.WriteInt64!(BinaryPrimitives.ReadInt64LittleEndian(file.ReadBytes(info.Name)));
            }
            else
            {
                file.ReadSingles(info.Name, slot.Values.Span);
            }

            changed.Add(slot.Owner);
        }

        foreach (Module owner in changed)
        {
            owner.OnStateChanged();
        }
    }

    public static void Save(Module module, SafetensorsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (StateEntry entry in module.StateDict())
        {
            StateSlot slot = entry.Slot;
            if (slot.IsInt64)
            {
                writer.Add(entry.Name, [slot.ReadInt64!()], slot.Shape);
            }
            else
            {
                writer.Add(entry.Name, slot.Values.Span, slot.Shape);
            }
        }
    }

    private static bool Readable(SafetensorsDType stored, SafetensorsDType needed) => needed == SafetensorsDType.I64
        ? stored == SafetensorsDType.I64
        : stored is SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16;

    private static string Expected(SafetensorsDType needed) => needed == SafetensorsDType.I64 ? "I64" : "F32, F16 or BF16";
}
