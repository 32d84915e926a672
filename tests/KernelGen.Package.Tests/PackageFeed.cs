using System;
using System.IO;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(KernelGen.Package.Tests.PackageFeed))]

namespace KernelGen.Package.Tests;

/// <summary>
/// KernelGen packed once per test run into the repository's feed (artifacts/packages, the one
/// nuget.config names, so no other KernelGen of the same version can be found), with an empty
/// package folder, so every consumer restores the package built from this checkout.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private readonly string _work = Directory.CreateTempSubdirectory("kernelgen-package-").FullName;

    /// <summary>The folder holding KernelGen.&lt;version&gt;.nupkg.</summary>
    public string Feed => Path.Combine(RepositoryRoot.Path, "artifacts", "packages");

    /// <summary>The NuGet package folder consumers restore into.</summary>
    public string Packages => Path.Combine(_work, "packages");

    /// <summary>A scratch folder for a test.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_work, name)).FullName;

    /// <summary>MSBuild properties that make a consumer restore KernelGen from <see cref="Feed"/> into <see cref="Packages"/>.</summary>
    public string[] RestoreProperties =>
    [
        "-p:KernelGenSkipPack=true",
        $"-p:RestorePackagesPath={Packages}{Path.DirectorySeparatorChar}",
        $"-p:RestoreAdditionalProjectSources={Feed}",
    ];

    public async ValueTask InitializeAsync()
    {
        DotNetCli.Result pack = await DotNetCli.RunAsync(
            RepositoryRoot.Path, Timeout, "pack", "runtime/KernelGen/KernelGen.csproj", "-c", "Release", "-o", Feed, "--nologo", "-p:KernelGenSkipPack=true");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed:{Environment.NewLine}{pack.Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return ValueTask.CompletedTask;
    }
}
