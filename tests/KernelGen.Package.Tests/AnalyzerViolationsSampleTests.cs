using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>
/// Builds samples/AnalyzerViolations against the packed KernelGen and checks that the analyzers
/// shipped in the package report exactly one ID per rule — the way a user sees them in
/// <c>dotnet build</c>.
/// </summary>
[Trait("Category", "Package")]
public sealed partial class AnalyzerViolationsSampleTests(PackageFeed package)
{
    [Fact]
    public async Task The_package_reports_every_rule_in_the_violation_sample()
    {
        DotNetCli.Result build = await DotNetCli.RunAsync(
            RepositoryRoot.Path,
            PackageFeed.Timeout,
            ["build", "samples/AnalyzerViolations/AnalyzerViolations.csproj", "-c", "Release", "--nologo", "--no-incremental", .. package.RestoreProperties]);
        Assert.True(build.ExitCode == 0, build.Output);

        string[] ids = KgDiagnostic().Matches(build.Output).Select(match => match.Groups["id"].Value).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"KG{i:D4}"), ids);
    }

    [GeneratedRegex(@": (?:warning|error) (?<id>KG\d{4}):")]
    private static partial Regex KgDiagnostic();
}
