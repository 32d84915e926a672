using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>samples/BatchNormStates, built from the package: the state semantics and the clear error.</summary>
[Trait("Category", "Package")]
public sealed class BatchNormStatesSampleTests(PackageFeed package)
{
    [Fact]
    public async Task BatchNorm_sample_shows_the_state_semantics_and_the_one_value_error()
    {
        DotNetCli.Result run = await DotNetCli.RunAsync(
            RepositoryRoot.Path,
            PackageFeed.Timeout,
            ["run", "--project", "samples/BatchNormStates", "-c", "Release", .. package.RestoreProperties]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, Regex.Count(run.Output, "^   CPU: state unchanged: yes$", RegexOptions.Multiline));
        Assert.Contains("   CPU: running statistics updated: yes", run.Output, System.StringComparison.Ordinal);
        Assert.Contains("   CPU: InvalidOperationException: Expected more than 1 value per channel when training: an input of batch 1 × 4 channels × spatial 1 has 1 value per channel", run.Output, System.StringComparison.Ordinal);
        Assert.Contains("VERDICT: PASS", run.Output, System.StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bNO\b|WRONG", run.Output);
    }
}
