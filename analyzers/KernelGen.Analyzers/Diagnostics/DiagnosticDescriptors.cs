using Microsoft.CodeAnalysis;

namespace KernelGen.Analyzers.Diagnostics;

/// <summary>
/// The descriptors of every KG rule. Each rule is a warning by default; users change its severity
/// with <c>dotnet_diagnostic.KGxxxx.severity</c> in <c>.editorconfig</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category shared by every KG rule.</summary>
    public const string Category = "KernelGen.Determinism";

    /// <summary>Where the rules' help pages live; a rule's page is <c>HelpRoot + id + ".md"</c>.</summary>
    private const string HelpRoot = "https://github.com/kernelgen/kernelgen/blob/main/docs/rules/";

    /// <summary>KG0001: a floating-point reduction whose shape depends on a runtime quantity.</summary>
    public static readonly DiagnosticDescriptor ReductionOrderDependsOnRuntimeQuantity = new(
        id: "KG0001",
        title: "Reduction order depends on a runtime quantity",
        messageFormat: "This sum's order depends on {0}, which {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The order in which floating-point values are added decides the rounding of the result. A loop stride, a number of partial sums or a horizontal vector sum that follows the vector width, the processor count or the batch size gives different bits on different machines or batch shapes. Reduce over a fixed number of logical lanes (KernelGen's canonical 32-lane order) or in a fixed sequential order.",
        helpLinkUri: HelpRoot + "KG0001.md");

    /// <summary>KG0002: a <c>TensorPrimitives</c> reduction or length-dependent transcendental.</summary>
    public static readonly DiagnosticDescriptor TensorPrimitivesIsWidthDependent = new(
        id: "KG0002",
        title: "TensorPrimitives reduction or span transcendental",
        messageFormat: "TensorPrimitives.{0} {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "TensorPrimitives picks Vector512, Vector256, Vector128 or scalar code at run time and splits work by the span's length, so its reductions and transcendental functions give different bits on different machines and for different lengths. Use a fixed-order loop or a KernelGen layer.",
        helpLinkUri: HelpRoot + "KG0002.md");

    /// <summary>KG0003: floats combined across parallel iterations or tasks.</summary>
    public static readonly DiagnosticDescriptor ParallelFloatAccumulation = new(
        id: "KG0003",
        title: "Floating-point results combined in a schedule-dependent order",
        messageFormat: "{0}, so the sum's order depends on the thread schedule and changes from run to run",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Parallel loops, PLINQ and tasks finish in an order chosen by the thread pool. Adding their floating-point results into a shared variable, or combining partial results as they complete, rounds differently on every run. Write each partial result to its own slot and add the slots in a fixed order after the parallel part.",
        helpLinkUri: HelpRoot + "KG0003.md");

    /// <summary>KG0004: floating-point atomics.</summary>
    public static readonly DiagnosticDescriptor FloatingPointAtomic = new(
        id: "KG0004",
        title: "Floating-point atomic accumulation",
        messageFormat: "{0} on a {1} adds in the order the threads arrive, which changes from run to run",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An atomic floating-point add (ILGPU Atomic.Add, or an Interlocked.CompareExchange loop) commits the contributions in whatever order the threads reach it, so the rounding of the total differs between runs. Give each thread its own partial result and reduce the partials in a fixed order.",
        helpLinkUri: HelpRoot + "KG0004.md");

    /// <summary>KG0005: <c>a * b + c</c> inside an ILGPU kernel.</summary>
    public static readonly DiagnosticDescriptor ContractibleMultiplyAdd = new(
        id: "KG0005",
        title: "Multiply-add that the GPU compiler may fuse",
        messageFormat: "The PTX assembler may fuse this {0} multiply-add into one FMA, so the GPU rounds it once where the CPU rounds twice; write DetMath.Fma or DetMath.MulAdd",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ILGPU emits a multiply and an add for `a * b + c`, and ptxas contracts them into a fused multiply-add with a single rounding; the CPU rounds the product and the sum separately. Say which one you mean: DetMath.Fma (one rounding, on every device) or DetMath.MulAdd (two roundings, never fused).",
        helpLinkUri: HelpRoot + "KG0005.md");

    /// <summary>KG0006: platform transcendental functions and estimates.</summary>
    public static readonly DiagnosticDescriptor PlatformTranscendental = new(
        id: "KG0006",
        title: "Platform-dependent transcendental function",
        messageFormat: "{0} is not correctly rounded: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Math, MathF and the generic-math transcendental functions call the C runtime, ILGPU's XMath maps to approximate GPU instructions, and *Estimate APIs have implementation-defined precision: their bits differ between operating systems, processors and devices. DetMath computes the same bits everywhere with IEEE-exact operations.",
        helpLinkUri: HelpRoot + "KG0006.md");

    /// <summary>KG0007: unseeded randomness.</summary>
    public static readonly DiagnosticDescriptor UnseededRandomness = new(
        id: "KG0007",
        title: "Unseeded randomness",
        messageFormat: "{0} draws different values on every run; use a seeded KernelGen.PhiloxRandom",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Random() and Random.Shared are seeded from the operating system, and Guid.NewGuid() is random by design, so results that depend on them cannot be reproduced. KernelGen.PhiloxRandom is a System.Random that gives the same numbers for a (seed, stream) on every machine and device.",
        helpLinkUri: HelpRoot + "KG0007.md");

    /// <summary>KG0008: batch statistics reached from an inference entry point.</summary>
    public static readonly DiagnosticDescriptor BatchStatisticsInInference = new(
        id: "KG0008",
        title: "Batch statistics computed on an inference path",
        messageFormat: "'{0}' computes statistics over the batch, so the output of inference path '{1}' depends on the other rows in the batch",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Training-mode normalization computes the mean and variance over the current batch (and usually updates running statistics). Reached from inference, it makes a row's output depend on the rows it was batched with and mutates the model. Use the stored running statistics in inference.",
        helpLinkUri: HelpRoot + "KG0008.md");

    /// <summary>KG0009: floating-point accumulation over an unordered collection.</summary>
    public static readonly DiagnosticDescriptor UnorderedFloatAccumulation = new(
        id: "KG0009",
        title: "Floating-point accumulation over an unordered collection",
        messageFormat: "This sum enumerates a {0}, whose order is unspecified (it follows hash codes and the history of insertions and removals)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Hash sets, dictionaries and concurrent bags enumerate in an order their contract leaves unspecified, so a floating-point sum over them can round differently after an unrelated change. Sum over an ordered collection (an array, a List<T>, or keys sorted first).",
        helpLinkUri: HelpRoot + "KG0009.md");
}
