using Microsoft.CodeAnalysis;

namespace KernelGen.Analyzers.Scope;

/// <summary>An operation block that KG rules analyze: its owner and the scopes it is in.</summary>
internal sealed class ScopedBlock
{
    /// <summary>Creates the description of a block in <paramref name="scope"/> owned by <paramref name="owner"/>.</summary>
    public ScopedBlock(CodeScope scope, ISymbol owner)
    {
        Scope = scope;
        Owner = owner;
    }

    /// <summary>The scopes of the owner, limited to those the registering rule asked for.</summary>
    public CodeScope Scope { get; }

    /// <summary>The member whose code the block is (a method, an accessor, a field initializer…).</summary>
    public ISymbol Owner { get; }
}
