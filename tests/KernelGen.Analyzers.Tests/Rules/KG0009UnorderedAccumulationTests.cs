using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.UnorderedAccumulationAnalyzer>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0009UnorderedAccumulationTests
{
    [Fact]
    public Task Flags_sums_over_sets_dictionaries_and_bags() => Verify.VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using KernelGen;

        [Deterministic]
        static class Pooling
        {
            static double Run(HashSet<float> set, Dictionary<string, double> weights, ConcurrentBag<float> bag, ConcurrentDictionary<int, float> cache)
            {
                double total = 0;
                foreach (float v in set) {|KG0009:total += v|};
                foreach (KeyValuePair<string, double> pair in weights) {|KG0009:total = total + pair.Value|};
                foreach (double w in weights.Values) {|KG0009:total -= w|};
                foreach (float v in bag) { if (v > 0) {|KG0009:total += v|}; }
                foreach (float v in cache.Values) {|KG0009:total += v|};
                return total + {|KG0009:set.Sum()|} + {|KG0009:weights.Values.Average()|};
            }
        }
        """);

    [Fact]
    public Task Names_the_collection_in_the_message() => Verify.VerifyAsync(
        """
        using System.Collections.Generic;
        using KernelGen;

        static class Pooling
        {
            [Deterministic]
            static float Run(HashSet<float> set)
            {
                float total = 0f;
                foreach (float v in set) total += v;
                return total;
            }
        }
        """,
        Verify.Diagnostic().WithSpan(10, 34, 10, 44).WithArguments("HashSet<float>"));

    [Fact]
    public Task Accepts_ordered_collections_sorted_keys_and_integer_sums() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using KernelGen;

        [Deterministic]
        static class Pooling
        {
            static float Run(List<float> list, float[] array, Dictionary<string, float> weights, HashSet<int> ids)
            {
                float total = 0f;
                foreach (float v in list) total += v;
                foreach (float v in array) total += v;
                foreach (string key in weights.Keys.OrderBy(k => k, System.StringComparer.Ordinal)) total += weights[key];
                int count = 0;
                foreach (int id in ids) count += id;
                foreach (float v in weights.Values) { float local = 0f; local += v; }
                return total + count + list.Sum() + ids.Sum();
            }
        }
        """);
}
