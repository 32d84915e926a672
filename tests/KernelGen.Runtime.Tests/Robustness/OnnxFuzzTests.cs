using System;
using System.Collections.Generic;
using System.Globalization;
using KernelGen.Fuzzing;
using Xunit;

namespace KernelGen.Runtime.Tests.Robustness;

/// <summary>
/// A bounded run of the ONNX fuzzer (a few seconds; KERNELGEN_FUZZ_SECONDS and KERNELGEN_FUZZ_SEED change it).
/// Every mutated model must be rejected with OnnxFormatException or read exactly as an independent decoder reads
/// it; no check may take longer than 10 s. tests/KernelGen.OnnxFuzz runs the same fuzzer for longer.
/// </summary>
public sealed class OnnxFuzzTests
{
    [Fact]
    public void Mutated_models_are_rejected_with_a_format_exception_or_read_exactly()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("KERNELGEN_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : 20_261_202;
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("KERNELGEN_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out double d) ? d : 3;
        var fuzzer = new OnnxFuzzer(seed);

        try
        {
            fuzzer.RunWatched(TimeSpan.FromSeconds(seconds), checkLimit: TimeSpan.FromSeconds(10));
        }
        catch (FuzzFailureException failure)
        {
            Assert.Fail($"Fuzz failure (KERNELGEN_FUZZ_SEED={seed}): {failure.Message}\n{failure.InnerException}");
        }

        TestContext.Current.SendDiagnosticMessage($"seed {seed}: {fuzzer.Iterations} iterations, {fuzzer.Messages.Count} distinct rejection messages, corpus {fuzzer.CorpusSize}");
        Assert.True(fuzzer.Iterations > 1000, $"only {fuzzer.Iterations} iterations ran");
        Assert.True(fuzzer.Outcomes.GetValueOrDefault("accepted: float initializer read and checked") > 0, "no float initializer of a mutant was read: the oracle for valid files never ran");
        Assert.True(fuzzer.Messages.Count > 20, $"only {fuzzer.Messages.Count} distinct rejections: the mutations reach few checks");
    }

    [Fact]
    public void Seed_models_are_valid_and_pass_the_oracle()
    {
        var fuzzer = new OnnxFuzzer(seed: 1);
        foreach (byte[] model in OnnxFuzzer.SeedFiles())
        {
            Assert.StartsWith("accepted", fuzzer.Check(model), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        var first = new OnnxFuzzer(seed: 5);
        var second = new OnnxFuzzer(seed: 5);
        first.Run(TimeSpan.FromMinutes(1), maxIterations: 2000, TestContext.Current.CancellationToken);
        second.Run(TimeSpan.FromMinutes(1), maxIterations: 2000, TestContext.Current.CancellationToken);

        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.Equal(first.Messages, second.Messages);
    }
}
