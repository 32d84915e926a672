using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Generator IDs are KG1xxx; the analyzers' rules are
/// KG0xxx. Each has a help page under <c>docs/generator/</c>.
/// </summary>
internal static class GeneratorDiagnostics
{
    /// <summary>The largest extent of one declared dimension.</summary>
    public const int MaxDimension = 1 << 20;

    /// <summary>The largest weight (inFeatures × outFeatures) a layer may declare: 2^28 floats, 1 GiB.</summary>
    public const long MaxWeightCount = 1L << 28;

    private const string Category = "KernelGen.Generator";

    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        "KG1001",
        "Layer type must be partial",
        "Layer type '{0}' must be declared 'partial' so that KernelGen can generate its kernels");

    public static readonly DiagnosticDescriptor DimensionOutOfRange = Create(
        "KG1002",
        "Layer dimension out of range",
        "{0} is {1}; it must be between 1 and 1048576");

    public static readonly DiagnosticDescriptor WeightTooLarge = Create(
        "KG1003",
        "Layer weight too large",
        "Layer '{0}' declares a weight of {1} × {2} = {3} values; at most 268435456 (1 GiB of float32) are supported");

    public static readonly DiagnosticDescriptor GenericType = Create(
        "KG1004",
        "Layer type cannot be generic",
        "Layer type '{0}' cannot be generic or nested in a generic type: a layer's shape and kernels are fixed at compile time");

    public static readonly DiagnosticDescriptor UnsupportedBaseType = Create(
        "KG1005",
        "Layer type cannot declare a base class",
        "Layer type '{0}' derives from '{1}'; the generated layer derives from {2}, so remove the base class");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "KG1006",
        "Type containing a layer must be partial",
        "Type '{0}' contains layer '{1}' and must be declared 'partial'");

    public static readonly DiagnosticDescriptor StaticType = Create(
        "KG1007",
        "Layer type cannot be static",
        "Layer type '{0}' is static; a layer is an object that owns its parameters");

    public static readonly DiagnosticDescriptor ArgumentOutOfRange = Create(
        "KG1008",
        "Layer argument out of range",
        "{0} is {1}; it must be {2}");

    public static readonly DiagnosticDescriptor InconsistentArguments = Create(
        "KG1009",
        "Layer arguments are inconsistent",
        "{0}");

    public static readonly DiagnosticDescriptor UnknownActivationFunction = Create(
        "KG1010",
        "Unknown activation function",
        "{0} is {1}, which names no member of ActivationFunction; use one of {2}");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/kernelgen/kernelgen/blob/main/docs/generator/{id}.md");
}
