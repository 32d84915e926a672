using System;

namespace KernelGen;

/// <summary>
/// Marks a partial class deriving from <see cref="Module"/> whose layer and sub-module fields and
/// properties the source generator lists, so that <c>NamedParameters</c>,
/// <c>LoadStateDict</c> and <c>To(device)</c> reach them
/// by PyTorch's state-dict names, without reflection at run time.
/// </summary>
/// <remarks>
/// A member's state-dict name is its name in snake_case with a leading underscore dropped
/// (<c>_fc1</c> → <c>fc1</c>, <c>SelfAttention</c> → <c>self_attention</c>) unless
/// <see cref="StateNameAttribute"/> gives one. Arrays and lists of modules number their items:
/// <c>blocks.3.fc1.weight</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModuleAttribute : Attribute
{
}
