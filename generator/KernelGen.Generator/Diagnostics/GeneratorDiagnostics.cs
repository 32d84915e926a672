using Microsoft.CodeAnalysis;

namespace KernelGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports: errors, except the warning KG1017. Generator IDs are KG1xxx;
/// the analyzers' rules are KG0xxx. Each has a help page under <c>docs/generator/</c>.
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

    public static readonly DiagnosticDescriptor ModuleNotPartial = Create(
        "KG1011",
        "Module type must be partial",
        "Module type '{0}' must be declared 'partial' so that KernelGen can list its children");

    public static readonly DiagnosticDescriptor ModuleNotDerivedFromModule = Create(
        "KG1012",
        "Module type must derive from KernelGen.Module",
        "Module type '{0}' derives from '{1}'; a [Module] class must derive from KernelGen.Module or from another module");

    public static readonly DiagnosticDescriptor ContainingTypeOfModuleNotPartial = Create(
        "KG1013",
        "Type containing a module must be partial",
        "Type '{0}' contains module '{1}' and must be declared 'partial'");

    public static readonly DiagnosticDescriptor GenericModule = Create(
        "KG1014",
        "Module type cannot be generic",
        "Module type '{0}' cannot be generic or nested in a generic type; hold a child whose type varies in a member of type KernelGen.Module");

    public static readonly DiagnosticDescriptor DuplicateStateName = Create(
        "KG1015",
        "Two children of a module have the same state name",
        "'{0}' and '{1}' of module '{2}' both have the state name '{3}'; give one of them another [StateName]");

    public static readonly DiagnosticDescriptor InvalidStateName = Create(
        "KG1016",
        "Invalid state name",
        "The state name of '{0}' is '{1}'; a state name is one segment of a dotted name: not empty and without '.'");

    public static readonly DiagnosticDescriptor ModuleWithoutChildren = Create(
        "KG1017",
        "Module has no children",
        "Module '{0}' has no instance field or auto-property whose type derives from KernelGen.Module, so it has no parameters to load or save",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnknownKernelArithmetic = Create(
        "KG1018",
        "Unknown kernel arithmetic",
        "{0} is {1}, which names no member of KernelArithmetic; use Bitwise or Exact");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(
            id,
            title,
            message,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/kernelgen/kernelgen/blob/main/docs/generator/{id}.md");
}
