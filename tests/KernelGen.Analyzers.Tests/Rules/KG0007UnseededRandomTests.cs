using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.UnseededRandomAnalyzer>;
using VerifyFix = KernelGen.Analyzers.Tests.Verifiers.CodeFixVerifier<
    KernelGen.Analyzers.Diagnostics.Analyzers.UnseededRandomAnalyzer,
    KernelGen.Analyzers.CodeFixes.PhiloxRandomCodeFixProvider>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0007UnseededRandomTests
{
    [Fact]
    public Task Flags_unseeded_Random_the_shared_instance_and_new_guids() => Verify.VerifyAsync(
        """
        using System;
        using KernelGen;

        [Deterministic]
        sealed class Dropout
        {
            private readonly Random _random = {|KG0007:new Random()|};

            float Mask() => {|KG0007:Random.Shared|}.NextSingle() + _random.NextSingle();

            int Seed() => {|KG0007:Guid.NewGuid()|}.GetHashCode();
        }
        """);

    [Fact]
    public Task Names_the_source_in_the_message() => Verify.VerifyAsync(
        """
        using System;
        using KernelGen;

        static class Init
        {
            [Deterministic]
            static double Draw() => Random.Shared.NextDouble();
        }
        """,
        Verify.Diagnostic().WithSpan(7, 29, 7, 42).WithArguments("Random.Shared"));

    [Fact]
    public Task Accepts_seeded_generators_and_code_outside_the_scope() => Verify.VerifyAsync("""
        using System;
        using KernelGen;

        [Deterministic]
        sealed class Init
        {
            private readonly Random _random = new Random(42);
            private readonly Random _philox = new PhiloxRandom(seed: 7UL, stream: 1UL);
        }

        sealed class Service
        {
            private readonly Random _jitter = new Random();
            Guid Id() => Guid.NewGuid();
        }
        """);

    [Fact]
    public Task Fixes_new_Random_with_a_seeded_PhiloxRandom() => VerifyFix.VerifyAsync(
        """
        using System;

        [KernelGen.Deterministic]
        sealed class Dropout
        {
            private readonly Random _random = {|KG0007:new Random()|};
            private readonly Random _other = {|KG0007:new()|};

            float Mask() => {|KG0007:Random.Shared|}.NextSingle();
        }
        """,
        """
        using System;
        using KernelGen;

        [KernelGen.Deterministic]
        sealed class Dropout
        {
            private readonly Random _random = new PhiloxRandom(seed: 0UL);
            private readonly Random _other = new PhiloxRandom(seed: 0UL);

            float Mask() => {|KG0007:Random.Shared|}.NextSingle();
        }
        """,
        "KG0007.PhiloxRandom");
}
