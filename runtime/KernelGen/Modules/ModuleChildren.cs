using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;

namespace KernelGen.Generated;

/// <summary>
/// Collects a module's named children. Only generated code calls it: the override of
/// <see cref="Module.CollectChildren(ModuleChildren)"/> that the source generator writes for a
/// <see cref="ModuleAttribute"/> class adds every layer and sub-module member in declaration order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModuleChildren
{
    private readonly Module _owner;
    private readonly List<KeyValuePair<string, Module>> _children = [];

    internal ModuleChildren(Module owner) => _owner = owner;

    internal IReadOnlyList<KeyValuePair<string, Module>> Items => _children;

    /// <summary>Adds the child <paramref name="child"/> under the state-dict segment <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="child"/> is <see langword="null"/>.</exception>
    public void Add(string name, Module? child)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (child is null)
        {
            throw new InvalidOperationException(
                $"{_owner.GetType().Name}.{name} is null: set every child of a module before using it.");
        }

        _children.Add(new(name, child));
    }

    /// <summary>Adds every item of <paramref name="children"/> as <c>name.0</c>, <c>name.1</c>, … in order.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="children"/> or one of its items is <see langword="null"/>.</exception>
    public void AddList<TModule>(string name, IEnumerable<TModule?>? children)
        where TModule : Module
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (children is null)
        {
            throw new InvalidOperationException(
                $"{_owner.GetType().Name}.{name} is null: set every child of a module before using it.");
        }

        int index = 0;
        foreach (TModule? child in children)
        {
            Add(name + "." + index.ToString(CultureInfo.InvariantCulture), child);
            index++;
        }
    }
}
