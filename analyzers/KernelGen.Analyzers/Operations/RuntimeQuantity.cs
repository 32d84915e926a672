using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Operations;

/// <summary>
/// Finds, in a loop header or a size expression, a quantity that changes between machines or batch
/// shapes: <c>Vector&lt;T&gt;.Count</c>, <c>Environment.ProcessorCount</c>, a batch or row count, or
/// a fixed-width <c>VectorNNN&lt;T&gt;.Count</c> on a path chosen by <c>IsHardwareAccelerated</c>.
/// </summary>
internal static class RuntimeQuantity
{
    private const int MaxLocalDepth = 3;

    /// <summary>A quantity found in an expression: how to name it, and why it varies.</summary>
    public readonly struct Found
    {
        public Found(string name, string reason)
        {
            Name = name;
            Reason = reason;
        }

        /// <summary>The quantity as the user wrote it, e.g. <c>Vector&lt;float&gt;.Count</c>.</summary>
        public string Name { get; }

        /// <summary>A relative clause saying what it varies with.</summary>
        public string Reason { get; }
    }

    /// <summary>Which kinds of quantity to look for.</summary>
    public enum Kinds
    {
        /// <summary>Vector width and processor count (for loop bounds: a trip count over them is a shape).</summary>
        MachineDependent,

        /// <summary>Also batch and row counts (for strides and chunk sizes).</summary>
        MachineOrBatchDependent,
    }

    /// <summary>
    /// Looks for a varying quantity in <paramref name="expression"/>. <paramref name="hardwareBranch"/>
    /// is the <c>IsHardwareAccelerated</c> or <c>IsSupported</c> check the code runs under, if any:
    /// under it, fixed-width vector counts vary too.
    /// </summary>
    public static bool TryFind(IOperation expression, Kinds kinds, string? hardwareBranch, out Found found)
        => TryFind(expression, kinds, hardwareBranch, MaxLocalDepth, out found);

    private static bool TryFind(IOperation expression, Kinds kinds, string? hardwareBranch, int depth, out Found found)
    {
        foreach (IOperation operation in expression.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IPropertyReferenceOperation { Property: { Name: "Count", IsStatic: true } property }
                    when FloatingPoint.IsVariableWidthVector(property.ContainingType):
                    found = new Found(
                        property.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + ".Count",
                        "differs between machines (4 lanes on Arm64 and SSE, 8 on AVX2, 16 with 512-bit vectors)");
                    return true;
                case IPropertyReferenceOperation { Property: { Name: "Count", IsStatic: true } property }
                    when hardwareBranch is not null && IsFixedWidthVector(property.ContainingType):
                    found = new Found(
                        property.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + ".Count under " + hardwareBranch,
                        "takes a differently shaped path on machines with and without that instruction set");
                    return true;
                case IPropertyReferenceOperation { Property: { Name: "ProcessorCount", ContainingType.Name: "Environment" } processorCount }
                    when FloatingPoint.IsInNamespace(processorCount.ContainingType, "System"):
                    found = new Found("Environment.ProcessorCount", "differs between machines, containers and affinity settings");
                    return true;
                case ILocalReferenceOperation local:
                    if (depth > 0 && TryFindInInitializer(local, kinds, hardwareBranch, depth, out found))
                    {
                        return true;
                    }

                    if (kinds == Kinds.MachineOrBatchDependent && IsBatchName(local.Local.Name))
                    {
                        found = BatchCount(local.Local.Name);
                        return true;
                    }

                    break;
                case IParameterReferenceOperation parameter when kinds == Kinds.MachineOrBatchDependent && IsBatchName(parameter.Parameter.Name):
                    found = BatchCount(parameter.Parameter.Name);
                    return true;
                case IFieldReferenceOperation field when kinds == Kinds.MachineOrBatchDependent && IsBatchName(field.Field.Name):
                    found = BatchCount(field.Field.Name);
                    return true;
                case IPropertyReferenceOperation property when kinds == Kinds.MachineOrBatchDependent && IsBatchName(property.Property.Name):
                    found = BatchCount(property.Property.Name);
                    return true;
            }
        }

        found = default;
        return false;
    }

    /// <summary>Follows a local to its initializer: <c>int width = Vector&lt;float&gt;.Count;</c>.</summary>
    private static bool TryFindInInitializer(ILocalReferenceOperation local, Kinds kinds, string? hardwareBranch, int depth, out Found found)
    {
        foreach (SyntaxReference reference in local.Local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
                && local.SemanticModel is { } model
                && value.SyntaxTree == model.SyntaxTree
                && model.GetOperation(value) is { } initializer
                && TryFind(initializer, kinds, hardwareBranch, depth - 1, out found))
            {
                return true;
            }
        }

        found = default;
        return false;
    }

    private static Found BatchCount(string name) => new($"'{name}'", "changes with the batch size");

    /// <summary>Names that hold a batch or row count: <c>batchSize</c>, <c>BatchCount</c>, <c>rows</c>, <c>rowCount</c>, <c>numRows</c>.</summary>
    private static bool IsBatchName(string name)
        => name.IndexOf("batch", System.StringComparison.OrdinalIgnoreCase) >= 0
            || name.Equals("rows", System.StringComparison.OrdinalIgnoreCase)
            || name.Equals("rowCount", System.StringComparison.OrdinalIgnoreCase)
            || name.Equals("numRows", System.StringComparison.OrdinalIgnoreCase);

    private static bool IsFixedWidthVector(INamedTypeSymbol type)
        => type.Arity == 1
            && type.Name is "Vector64" or "Vector128" or "Vector256" or "Vector512"
            && FloatingPoint.IsInNamespace(type, "System", "Runtime", "Intrinsics");

    /// <summary>
    /// The hardware check, such as <c>Vector512.IsHardwareAccelerated</c> or <c>Avx2.IsSupported</c>,
    /// of the nearest enclosing <c>if</c> or conditional expression whose condition has one.
    /// </summary>
    public static string? FindHardwareBranch(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (current is IConditionalOperation conditional && FindHardwareCheck(conditional.Condition) is { } check)
            {
                return check;
            }
        }

        return null;
    }

    private static string? FindHardwareCheck(IOperation condition)
    {
        foreach (IOperation operation in condition.DescendantsAndSelf())
        {
            if (operation is IPropertyReferenceOperation { Property: { IsStatic: true } property }
                && IsHardwareCheck(property))
            {
                return property.ContainingType.Name + "." + property.Name;
            }
        }

        return null;
    }

    private static bool IsHardwareCheck(IPropertySymbol property) => property.Name switch
    {
        "IsHardwareAccelerated" => property.ContainingType.Name is "Vector" or "Vector64" or "Vector128" or "Vector256" or "Vector512",
        "IsSupported" => property.ContainingType.ContainingNamespace is { Name: "X86" or "Arm" or "Wasm" } ns
            && FloatingPoint.IsInNamespace(ns, "System", "Runtime", "Intrinsics"),
        _ => false,
    };
}
