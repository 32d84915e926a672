using System.Collections.Generic;

namespace KernelGen.Runtime.Tests.Modules;

// A small model tree for the module tests: generated layers in [Module] classes, nested, in an array and a
// list, one renamed by [StateName], and a module deriving from another.

/// <summary>A norm.</summary>
[LayerNorm(4)]
public sealed partial class TreeNorm;

/// <summary>An up projection.</summary>
[Linear(4, 8)]
public sealed partial class TreeUp;

/// <summary>A down projection.</summary>
[Linear(8, 4)]
public sealed partial class TreeDown;

/// <summary>Word embeddings.</summary>
[Embedding(10, 4)]
public sealed partial class TreeWords;

/// <summary>A block: two norms and an MLP.</summary>
[Module]
public sealed partial class TreeBlock : Module
{
    private readonly TreeNorm _ln1 = new();
    private readonly TreeUp _fc1 = new();
    private readonly TreeDown _fc2 = new();

    /// <summary>The second norm, named as a checkpoint spells it.</summary>
    [StateName("LayerNorm")]
    public TreeNorm Norm { get; } = new();

    /// <summary>The up projection (computed, so not a second child).</summary>
    public TreeUp Fc1 => _fc1;
}

/// <summary>Embeddings and blocks in an array and in a list.</summary>
[Module]
public partial class TreeStack : Module
{
    private readonly TreeWords _embeddings = new();
    private readonly TreeBlock[] _blocks = [new(), new()];

    /// <summary>Blocks added later.</summary>
    public List<TreeBlock> MoreBlocks { get; } = [new()];

    /// <summary>The array's blocks.</summary>
    public IReadOnlyList<TreeBlock> Blocks => _blocks;
}

/// <summary>A stack with a head: the stack's children first, then its own.</summary>
[Module]
public sealed partial class TreeWithHead : TreeStack
{
    private readonly TreeUp _head = new();
}

/// <summary>A module whose children the test sets, or leaves null.</summary>
[Module]
public sealed partial class TreeHolder : Module
{
    /// <summary>A single child.</summary>
    public TreeNorm? Norm { get; set; }

    /// <summary>A list of children.</summary>
    public TreeBlock?[]? Blocks { get; set; } = [];
}
