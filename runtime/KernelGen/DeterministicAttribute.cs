using System;

namespace KernelGen;

/// <summary>
/// Marks a method, a type or a whole assembly as code whose floating-point results must be
/// bit-for-bit reproducible. KernelGen's analyzers (KG rules) report, inside that scope, the
/// constructs whose results depend on the batch size, the thread schedule, the vector width or
/// the operating system.
/// </summary>
[AttributeUsage(
    AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method
    | AttributeTargets.Constructor | AttributeTargets.Property,
    AllowMultiple = false,
    Inherited = false)]
public sealed class DeterministicAttribute : Attribute
{
}
