using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>
/// samples/SentenceEmbeddings, built from the package with its model, tokenizer and ONNX Runtime packages:
/// the whole sample compiles (the scenario too) and its command line answers. Its model and command line are
/// tested in depth by tests/KernelGen.MiniLm.Tests; the full scenario (about two minutes) is not run here.
/// </summary>
[Trait("Category", "Package")]
public sealed class SentenceEmbeddingsSampleTests(PackageFeed package)
{
    [Fact]
    public async Task Sentence_embeddings_sample_builds_from_the_package_and_prints_its_usage()
    {
        DotNetCli.Result run = await DotNetCli.RunAsync(
            RepositoryRoot.Path,
            PackageFeed.Timeout,
            ["run", "--project", "samples/SentenceEmbeddings", "-c", "Release", .. package.RestoreProperties, "--", "--help"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("usage: SentenceEmbeddings --model FILE.onnx --vocab FILE.txt --texts FILE.txt", run.Output, System.StringComparison.Ordinal);
    }
}
