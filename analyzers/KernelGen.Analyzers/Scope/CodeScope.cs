using System;

namespace KernelGen.Analyzers.Scope;

/// <summary>Why a piece of code is analyzed. A member can be in several scopes at once.</summary>
[Flags]
internal enum CodeScope
{
    /// <summary>Not analyzed: nothing is reported.</summary>
    None = 0,

    /// <summary>
    /// Under <c>[KernelGen.Deterministic]</c> (the member, a containing type or the assembly) or in
    /// a generated layer type (a class carrying an attribute that derives from <c>KernelGen.LayerAttribute</c>).
    /// </summary>
    Deterministic = 1,

    /// <summary>An ILGPU kernel: its first parameter is an ILGPU index, or it is loaded with <c>Load*Kernel</c>.</summary>
    Kernel = 2,

    /// <summary>An inference path: the member or a containing type carries <c>[KernelGen.Inference]</c>.</summary>
    Inference = 4,

    /// <summary>Code that must give the same bits everywhere: <see cref="Deterministic"/> or <see cref="Kernel"/>.</summary>
    Reproducible = Deterministic | Kernel,
}
