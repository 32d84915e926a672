namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Module]</c> class: its children in declaration order, and how to override <c>CollectChildren</c>.</summary>
/// <param name="Type">The declared type.</param>
/// <param name="CallsBase">Whether the base class is another module (not <c>KernelGen.Module</c> itself), whose children come first.</param>
/// <param name="SeesRuntimeInternals">
/// Whether the compilation sees KernelGen's internals (InternalsVisibleTo): the override of the
/// <c>protected internal</c> method is then <c>protected internal</c>, elsewhere <c>protected</c>.
/// </param>
/// <param name="Children">The layer and sub-module members.</param>
internal sealed record ModuleModel(LayerTypeModel Type, bool CallsBase, bool SeesRuntimeInternals, EquatableArray<ModuleChildModel> Children)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".Module.g.cs"; // hint names refuse '@' (a type named @class)
}

/// <summary>One child member of a module.</summary>
/// <param name="StateName">The state-dict segment (<c>fc1</c>, <c>blocks</c>).</param>
/// <param name="MemberName">The field or property as written in code (<c>_fc1</c>, <c>@class</c>).</param>
/// <param name="ListItemType">
/// For an array or collection of modules, the fully qualified item type (its items are numbered
/// <c>blocks.0</c>, <c>blocks.1</c>, …); <see langword="null"/> for a single module.
/// </param>
internal sealed record ModuleChildModel(string StateName, string MemberName, string? ListItemType);
