using System;

namespace KernelGen;

/// <summary>
/// Marks an inference entry point: a method, or every member of a type, whose output for a row
/// must depend on that row alone. KernelGen's analyzers report (KG0008) any call from it to a
/// member marked <see cref="BatchStatisticsAttribute"/>.
/// </summary>
/// <example>
/// <code>
/// [Inference]
/// public void Predict(ReadOnlySpan&lt;float&gt; input, Span&lt;float&gt; output) => _norm.Normalize(input, output);
/// </code>
/// </example>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Property,
    AllowMultiple = false,
    Inherited = false)]
public sealed class InferenceAttribute : Attribute
{
}
