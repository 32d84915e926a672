using System;
using System.Collections.Generic;
using System.IO;

namespace KernelGen;

public abstract partial class Module
{
    /// <summary>
    /// Every parameter and buffer of this module and its descendants, with PyTorch's state-dict names
    /// (<c>blocks.3.fc1.weight</c>), depth first in declaration order, each layer's own tensors in
    /// PyTorch's order (Linear: <c>weight</c> <c>[out, in]</c>, <c>bias</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A child member is <see langword="null"/>.</exception>
    public IReadOnlyList<StateEntry> StateDict() => CollectEntries(parameters: true, buffers: true);

    /// <summary>The learned parameters of <see cref="StateDict"/> (no buffers), as PyTorch's <c>named_parameters()</c>.</summary>
    public IReadOnlyList<StateEntry> NamedParameters() => CollectEntries(parameters: true, buffers: false);

    /// <summary>The buffers of <see cref="StateDict"/> (running statistics), as PyTorch's <c>named_buffers()</c>.</summary>
    public IReadOnlyList<StateEntry> NamedBuffers() => CollectEntries(parameters: false, buffers: true);

    /// <summary>
    /// Loads every tensor of <see cref="StateDict"/> from <paramref name="file"/> by name (F16 and BF16 are
    /// widened exactly). Everything is checked first: on any problem nothing is loaded and one
    /// <see cref="StateDictMismatchException"/> lists every missing, unexpected, mis-shaped and mis-typed
    /// tensor. With <paramref name="strict"/> false, missing and unexpected tensors are allowed (and the
    /// missing ones keep their values); mis-shaped and mis-typed ones are not. Device copies are refreshed
    /// on their next use.
    /// </summary>
    /// <exception cref="StateDictMismatchException">The file does not match the module.</exception>
    public void LoadStateDict(SafetensorsFile file, bool strict = true) => StateDictLoader.Load(this, file, strict);

    /// <summary>
    /// Loads the initializers of an ONNX export as a state dict (<see cref="LoadStateDict(SafetensorsFile, bool)"/>):
    /// a <c>Linear</c>'s weight that the exporter stored transposed under a generated name is found
    /// through the graph and given its PyTorch name and layout.
    /// </summary>
    /// <exception cref="StateDictMismatchException">The file does not match the module.</exception>
    public void LoadStateDict(OnnxFile file, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(file);
        using SafetensorsFile stateDict = OnnxStateDict.Build(file);
        LoadStateDict(stateDict, strict);
    }

    /// <summary>Writes <see cref="StateDict"/> to <paramref name="writer"/> (F32, and I64 for counters).</summary>
    public void SaveStateDict(SafetensorsWriter writer) => StateDictLoader.Save(this, writer);

    /// <summary>Writes <see cref="StateDict"/> to a safetensors file at <paramref name="path"/>, as PyTorch's <c>save_file(model.state_dict())</c>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void SaveStateDict(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = new SafetensorsWriter();
        SaveStateDict(writer);
        writer.Save(path);
    }

    /// <summary>Adds this module's own tensors (not its children's) with their local names; layers override it.</summary>
    internal virtual void CollectState(List<StateSlot> slots)
    {
    }

    /// <summary>Called after a load wrote this module's own tensors: drop packed and device copies.</summary>
    internal virtual void OnStateChanged()
    {
    }

    private List<StateEntry> CollectEntries(bool parameters, bool buffers)
    {
        var entries = new List<StateEntry>();
        var slots = new List<StateSlot>();
        foreach (KeyValuePair<string, Module> named in NamedModules())
        {
            slots.Clear();
            named.Value.CollectState(slots);
            foreach (StateSlot slot in slots)
            {
                if (slot.IsBuffer ? buffers : parameters)
                {
                    entries.Add(new StateEntry(named.Key.Length == 0 ? slot.Name : named.Key + "." + slot.Name, slot));
                }
            }
        }

        return entries;
    }
}
