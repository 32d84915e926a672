using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>samples/BertEncoder, built from the package: batch- and padding-invariant, and the golden hash.</summary>
[Trait("Category", "Package")]
public sealed class BertEncoderSampleTests(PackageFeed package)
{
    [Fact]
    public async Task Encoder_sample_is_batch_and_padding_invariant_and_matches_the_golden_hash()
    {
        DotNetCli.Result run = await DotNetCli.RunAsync(
            RepositoryRoot.Path,
            PackageFeed.Timeout,
            ["run", "--project", "samples/BertEncoder", "-c", "Release", .. package.RestoreProperties]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(9, Regex.Count(run.Output, @"^  (padded to +\d+|position \d): identical$", RegexOptions.Multiline));
        Assert.Contains("golden SHA-256 a0be55e6524bedd8a42adeeab071d5edee6b636fa0486b6d06ac529bb1db0545: matches", run.Output, System.StringComparison.Ordinal);
        Assert.Contains("VERDICT: PASS", run.Output, System.StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERENT", run.Output, System.StringComparison.Ordinal);
    }
}
