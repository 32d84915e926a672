using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests.Modules;

/// <summary>
/// What the generated <c>CollectChildren</c> gives at run time: PyTorch's dotted paths for nested modules
/// and numbered lists, the very objects the fields hold, and ModuleChildren's message for a missing child.
/// </summary>
public sealed class ModuleTreeTests
{
    private static readonly string[] BlockChildren = ["ln1", "fc1", "fc2", "LayerNorm"];

    [Fact]
    public void NamedModules_lists_every_module_depth_first_with_its_state_dict_path()
    {
        var model = new TreeWithHead();

        string[] paths = model.NamedModules().Select(pair => pair.Key).ToArray();

        Assert.Equal(
            ["", "embeddings", .. Block("blocks.0"), .. Block("blocks.1"), .. Block("more_blocks.0"), "head"],
            paths);
    }

    [Fact]
    public void NamedModules_gives_the_objects_the_members_hold()
    {
        var model = new TreeWithHead();

        Dictionary<string, Module> modules = model.NamedModules().ToDictionary(pair => pair.Key, pair => pair.Value);

        Assert.Same(model, modules[""]);
        Assert.Same(model.Blocks[1].Fc1, modules["blocks.1.fc1"]);
        Assert.Same(model.Blocks[0].Norm, modules["blocks.0.LayerNorm"]);
        Assert.Same(model.MoreBlocks[0], modules["more_blocks.0"]);
        Assert.IsType<TreeWords>(modules["embeddings"]);
        Assert.IsType<TreeUp>(modules["head"]);
        Assert.Equal(modules.Count, modules.Values.Distinct().Count());
    }

    [Fact]
    public void NamedChildren_of_a_derived_module_lists_the_base_children_first()
    {
        Assert.Equal(
            ["embeddings", "blocks.0", "blocks.1", "more_blocks.0", "head"],
            new TreeWithHead().NamedChildren().Select(pair => pair.Key));
    }

    [Fact]
    public void A_layer_has_no_children()
    {
        Assert.Empty(new TreeUp().NamedChildren());
        Assert.Equal([""], new TreeNorm().NamedModules().Select(pair => pair.Key));
    }

    [Fact]
    public void A_null_child_is_reported_by_its_state_name()
    {
        var holder = new TreeHolder();

        var exception = Assert.Throws<InvalidOperationException>(() => holder.NamedChildren());

        Assert.Equal("TreeHolder.norm is null: set every child of a module before using it.", exception.Message);
    }

    [Fact]
    public void A_null_list_is_reported_by_its_state_name()
    {
        var holder = new TreeHolder { Norm = new(), Blocks = null };

        var exception = Assert.Throws<InvalidOperationException>(() => holder.NamedModules().ToList());

        Assert.Equal("TreeHolder.blocks is null: set every child of a module before using it.", exception.Message);
    }

    [Fact]
    public void A_null_item_of_a_list_is_reported_by_its_numbered_name()
    {
        var holder = new TreeHolder { Norm = new(), Blocks = [new(), null] };

        var exception = Assert.Throws<InvalidOperationException>(() => holder.NamedChildren());

        Assert.Equal("TreeHolder.blocks.1 is null: set every child of a module before using it.", exception.Message);
    }

    private static IEnumerable<string> Block(string path) =>
        [path, .. BlockChildren.Select(child => $"{path}.{child}")];
}
