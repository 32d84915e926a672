namespace KernelGen.Generator.Model;

/// <summary>Where a generated layer or module type is declared: enough to reopen it as a <c>partial</c> declaration.</summary>
/// <param name="Namespace">The containing namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="Name">The type's simple name.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
internal sealed record LayerTypeModel(string? Namespace, string Name, EquatableArray<ContainingTypeModel> ContainingTypes)
{
    /// <summary>The dotted name used in comments and file names, for example <c>Demo.Outer.Projection</c>.</summary>
    public string DisplayName
    {
        get
        {
            string nested = string.Concat(System.Linq.Enumerable.Select(ContainingTypes, type => type.Name + "."));
            return (Namespace is null ? string.Empty : Namespace + ".") + nested + Name;
        }
    }
}

/// <summary>An enclosing type of a layer: the keyword that reopens it (<c>class</c>, <c>struct</c>, <c>record</c>, …) and its name.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);
