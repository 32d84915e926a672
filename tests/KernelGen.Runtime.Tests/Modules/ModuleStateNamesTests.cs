using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests.Modules;

/// <summary>PyTorch's state-dict names through nested modules and module lists.</summary>
public sealed class ModuleStateNamesTests
{
    private static readonly string[] BlockEntries =
    [
        "pre_norm.weight (6,)",
        "fc1.weight (8, 6)",
        "fc1.bias (8,)",
        "fc2.weight (6, 8)",
        "fc2.bias (6,)",
        "norm.weight (6,)",
        "norm.bias (6,)",
    ];

    [Fact]
    public void State_dict_names_walk_children_and_lists_in_declaration_order()
    {
        string[] expected =
        [
            "embeddings.weight (20, 6)",
            .. BlockEntries.Select(entry => "blocks.0." + entry),
            .. BlockEntries.Select(entry => "blocks.1." + entry),
            "head.weight (3, 6)",
            "norm.weight (3,)",
            "norm.bias (3,)",
            "norm.running_mean (3,)",
            "norm.running_var (3,)",
            "norm.num_batches_tracked ()",
        ];

        Assert.Equal(expected, new TinyModel().StateDict().Select(entry => $"{entry.Name} {entry.ShapeString}"));
    }

    [Fact]
    public void Named_parameters_leave_out_buffers_and_named_buffers_hold_only_them()
    {
        var model = new TinyModel();

        Assert.DoesNotContain(model.NamedParameters(), entry => entry.Name.StartsWith("norm.running", System.StringComparison.Ordinal));
        Assert.Equal(
            ["norm.running_mean", "norm.running_var", "norm.num_batches_tracked"],
            model.NamedBuffers().Select(entry => entry.Name));
        Assert.Equal(SafetensorsDType.I64, model.NamedBuffers()[^1].DType);
        Assert.Equal(7, model.NamedBuffers()[^1].ToInt64());
    }

    [Fact]
    public void Named_modules_number_list_items()
    {
        string[] names = [.. new TinyModel().NamedModules().Select(named => named.Key)];

        Assert.Equal(
            ["", "embeddings", "blocks.0", "blocks.0.attention", "blocks.0.pre_norm", "blocks.0.fc1", "blocks.0.fc2", "blocks.0.act", "blocks.0.norm"],
            names.Take(9));
        Assert.Equal(["head", "norm", "probabilities"], names.TakeLast(3));
    }

    [Fact]
    public void A_state_entry_copies_the_layers_values()
    {
        var model = new TinyModel();
        StateEntry weight = model.StateDict().Single(entry => entry.Name == "blocks.1.fc2.weight");

        Assert.Equal(model.Blocks[1].Fc2.Weight.ToArray(), weight.ToArray());
        Assert.Equal([6, 8], weight.ToTensor().Shape);
    }
}
