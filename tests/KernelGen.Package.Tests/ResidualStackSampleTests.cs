using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>samples/ResidualStack, built from the package: 0 difference at every block, decode == prefill.</summary>
[Trait("Category", "Package")]
public sealed class ResidualStackSampleTests(PackageFeed package)
{
    [Fact]
    public async Task Residual_stack_sample_reports_exactly_zero_at_every_block_on_the_cpu()
    {
        DotNetCli.Result run = await DotNetCli.RunAsync(
            RepositoryRoot.Path,
            PackageFeed.Timeout,
            ["run", "--project", "samples/ResidualStack", "-c", "Release", .. package.RestoreProperties, "--", "--batches", "1,4"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2 * 20, Regex.Count(run.Output, @"^ +\d+ +0$", RegexOptions.Multiline)); // 20 blocks × 2 batch sizes, CPU column 0
        Assert.Equal(2, Regex.Count(run.Output, "decode step \\(the last token alone\\) == prefill row: yes"));
        Assert.Contains("VERDICT: PASS — 0 difference at every block for bs 1, 4; decode == prefill", run.Output, System.StringComparison.Ordinal);
    }
}
