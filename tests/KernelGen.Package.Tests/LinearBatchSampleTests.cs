using System;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>The main sample, run as the README says, against the packed KernelGen.</summary>
[Trait("Category", "Package")]
public sealed class LinearBatchSampleTests(PackageFeed package)
{
    [Fact]
    public async Task Linear_batch_sample_reports_every_prefix_bit_identical_on_the_cpu()
    {
        DotNetCli.Result run = await DotNetCli.RunAsync(
            RepositoryRoot.Path,
            PackageFeed.Timeout,
            ["run", "--project", "samples/LinearBatch", "-c", "Release", "--nologo", .. package.RestoreProperties]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, Regex.Count(run.Output, @"^  16/16 prefixes bit-identical on CPU \(\w+\)$", RegexOptions.Multiline));
        Assert.DoesNotMatch(@"\b(False|NO)\b", run.Output);
    }
}
