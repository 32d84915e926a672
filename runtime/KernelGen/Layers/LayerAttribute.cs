using System;

namespace KernelGen;

/// <summary>
/// Base class of the attributes that declare a generated layer. The KernelGen source generator
/// expands a <c>partial</c> class carrying one of them into fixed-order CPU and GPU kernels.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    private protected LayerAttribute()
    {
    }
}
