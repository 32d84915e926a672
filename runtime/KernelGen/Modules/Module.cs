using System.Collections.Generic;
using System.ComponentModel;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// A node of a model: a generated layer, or a user's <see cref="ModuleAttribute"/> partial class whose
/// children the source generator lists. Children are reached by PyTorch's state-dict names.
/// </summary>
public abstract partial class Module
{
    /// <summary>
    /// The direct children, in declaration order, with their state-dict segments
    /// (<c>fc1</c>, <c>blocks.0</c>, <c>blocks.1</c>, …).
    /// </summary>
    /// <exception cref="System.InvalidOperationException">A child member is <see langword="null"/>.</exception>
    public IReadOnlyList<KeyValuePair<string, Module>> NamedChildren()
    {
        var children = new ModuleChildren(this);
        CollectChildren(children);
        return children.Items;
    }

    /// <summary>
    /// Every module below this one, depth first in declaration order, with its dotted path
    /// (<c>blocks.3.fc1</c>); this module itself comes first with the empty path, as in PyTorch.
    /// </summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        yield return new(string.Empty, this);
        foreach (KeyValuePair<string, Module> child in NamedChildren())
        {
            foreach (KeyValuePair<string, Module> descendant in child.Value.NamedModules())
            {
                string path = descendant.Key.Length == 0 ? child.Key : child.Key + "." + descendant.Key;
                yield return new(path, descendant.Value);
            }
        }
    }

    /// <summary>
    /// Adds this module's children to <paramref name="children"/>. The source generator overrides it for
    /// a <see cref="ModuleAttribute"/> class; layers have no children.
    /// Only generated code overrides it.
    /// </summary>
    /// <param name="children">The collector.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected internal virtual void CollectChildren(ModuleChildren children)
    {
    }
}
