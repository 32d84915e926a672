using System;

namespace KernelGen;

/// <summary>
/// Marks a method or property that computes or updates statistics over the rows of a batch, such
/// as training-mode batch normalization (per-batch mean and variance, running-statistics updates).
/// Its result for a row depends on the other rows, so KernelGen's analyzers report (KG0008) any
/// use of it from code marked <see cref="InferenceAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class BatchStatisticsAttribute : Attribute
{
}
