using System;
using System.Globalization;
using KernelGen.Fuzzing;
using Xunit;

namespace KernelGen.Runtime.Tests.Robustness;

/// <summary>
/// A bounded run of the safetensors fuzzer (a few seconds; KERNELGEN_FUZZ_SECONDS and
/// KERNELGEN_FUZZ_SEED change it). Every mutated file must be rejected with
/// SafetensorsFormatException or read back exactly; no check may take longer than 10 s.
/// tests/KernelGen.SafetensorsFuzz runs the same fuzzer for longer.
/// </summary>
public sealed class SafetensorsFuzzTests
{
    [Fact]
    public void MutatedFiles_AreRejectedWithAFormatException_OrReadBackExactly()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("KERNELGEN_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : 20_250_701;
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("KERNELGEN_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out double d) ? d : 3;
        var fuzzer = new SafetensorsFuzzer(seed);

        try
        {
            fuzzer.RunWatched(TimeSpan.FromSeconds(seconds), checkLimit: TimeSpan.FromSeconds(10));
        }
        catch (FuzzFailureException failure)
        {
            Assert.Fail($"Fuzz failure (KERNELGEN_FUZZ_SEED={seed}): {failure.Message}\n{failure.InnerException}");
        }

        TestContext.Current.SendDiagnosticMessage(
            $"seed {seed}: {fuzzer.Iterations} iterations, {fuzzer.Messages.Count} distinct rejection messages, corpus {fuzzer.CorpusSize}");
        Assert.True(fuzzer.Iterations > 1000, $"only {fuzzer.Iterations} iterations ran");
        Assert.True(fuzzer.Outcomes.TryGetValue("accepted", out long accepted) && accepted > 0, "no mutant was accepted: the oracle for valid files never ran");
        Assert.True(fuzzer.Messages.Count > 20, $"only {fuzzer.Messages.Count} distinct rejections: the mutations reach few checks");
    }

    [Fact]
    public void SeedFiles_AreValid_AndPassTheOracle()
    {
        var fuzzer = new SafetensorsFuzzer(seed: 1);
        foreach (byte[] seedFile in SafetensorsFuzzer.SeedFiles())
        {
            Assert.StartsWith("accepted", fuzzer.Check(seedFile), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SameSeed_GivesTheSameRun()
    {
        var first = new SafetensorsFuzzer(seed: 5);
        var second = new SafetensorsFuzzer(seed: 5);
        first.Run(TimeSpan.FromMinutes(1), maxIterations: 2000, TestContext.Current.CancellationToken);
        second.Run(TimeSpan.FromMinutes(1), maxIterations: 2000, TestContext.Current.CancellationToken);

        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.Equal(first.Messages, second.Messages);
    }
}
