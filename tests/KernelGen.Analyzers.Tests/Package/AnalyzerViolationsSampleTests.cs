using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace KernelGen.Analyzers.Tests.Package;

/// <summary>
/// Packs KernelGen into a temporary feed, builds samples/AnalyzerViolations against it with a fresh
/// package folder, and checks that the analyzers shipped in the package report exactly one ID per
/// rule — the way a user sees them in <c>dotnet build</c>.
/// </summary>
[Trait("Category", "Package")]
public sealed partial class AnalyzerViolationsSampleTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_package_reports_every_rule_in_the_violation_sample()
    {
        string root = RepositoryRoot.Path;
        string work = Directory.CreateTempSubdirectory("kernelgen-analyzers-").FullName;
        try
        {
            string feed = Path.Combine(work, "feed");
            string packages = Path.Combine(work, "packages");

            DotNetCli.Result pack = await DotNetCli.RunAsync(
                root, s_timeout, "pack", "runtime/KernelGen/KernelGen.csproj", "-c", "Release", "-o", feed, "--nologo", "-p:KernelGenSkipPack=true");
            Assert.True(pack.ExitCode == 0, pack.Output);

            DotNetCli.Result build = await DotNetCli.RunAsync(
                root,
                s_timeout,
                "build", "samples/AnalyzerViolations/AnalyzerViolations.csproj", "-c", "Release", "--nologo",
                "-p:KernelGenSkipPack=true",
                $"-p:RestorePackagesPath={packages}/",
                $"-p:RestoreAdditionalProjectSources={feed}");
            Assert.True(build.ExitCode == 0, build.Output);

            string[] ids = KgDiagnostic().Matches(build.Output).Select(match => match.Groups["id"].Value).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(Enumerable.Range(1, 9).Select(i => $"KG{i:D4}"), ids);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@": (?:warning|error) (?<id>KG\d{4}):")]
    private static partial Regex KgDiagnostic();
}
