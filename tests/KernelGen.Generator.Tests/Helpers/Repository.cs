using System.Linq;
using System.Reflection;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>Paths of the source tree, written into this assembly by the project file.</summary>
internal static class Repository
{
    /// <summary>The repository's root directory.</summary>
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Metadata(string key) => typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == key)
        .Value!;
}
