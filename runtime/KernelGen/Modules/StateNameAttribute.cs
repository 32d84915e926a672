using System;

namespace KernelGen;

/// <summary>
/// Gives a child of a <see cref="ModuleAttribute"/> class the state-dict name <paramref name="name"/>
/// instead of the one derived from its member name, for example <c>[StateName("LayerNorm")]</c> for a
/// checkpoint that spells it that way.
/// </summary>
/// <param name="name">One segment of a dotted state-dict name: not empty, no dot.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class StateNameAttribute(string name) : Attribute
{
    /// <summary>The state-dict name segment.</summary>
    public string Name { get; } = name;
}
