using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace KernelGen.Analyzers.Tests.Verifiers;

/// <summary>
/// The references of every test compilation: the .NET 10 reference assemblies from
/// Basic.Reference.Assemblies and ILGPU, all on disk, so no test downloads a reference pack.
/// </summary>
internal static class TestReferences
{
    /// <summary>A target framework with no package: the framework resolves nothing by itself.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>.NET 10 and ILGPU.</summary>
    public static ImmutableArray<MetadataReference> All { get; } =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(ILGPU.Index1D).Assembly.Location),
    ];
}
