using System;

namespace KernelGen;

/// <summary>
/// Declares a batched matrix product of two inputs (PyTorch's <c>torch.matmul</c> on 3-D tensors):
/// <c>C[b] = A[b] · B[b]</c> with A <c>[batch, m, InnerSize]</c>, B <c>[batch, InnerSize, Columns]</c> and C
/// <c>[batch, m, Columns]</c>; batch and m are free at run time. Apply it to a <c>partial</c> class;
/// the generator makes it derive from <see cref="MatMulLayer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MatMulAttribute : LayerAttribute
{
    /// <summary>Declares the product.</summary>
    /// <param name="innerSize">K: the dot-product length (A's columns, B's rows); 1 to 1,048,576.</param>
    /// <param name="columns">N: B's and C's columns; 1 to 1,048,576.</param>
    public MatMulAttribute(int innerSize, int columns)
    {
        InnerSize = innerSize;
        Columns = columns;
    }

    /// <summary>K: the dot-product length.</summary>
    public int InnerSize { get; }

    /// <summary>N: the output columns.</summary>
    public int Columns { get; }
}
