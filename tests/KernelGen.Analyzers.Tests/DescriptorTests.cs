using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelGen.Analyzers.Diagnostics;
using KernelGen.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Analyzers.Tests;

/// <summary>Every rule is a warning by default, has a help page with a bad and a good example, and is release-tracked.</summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> RuleIds { get; } = new(AllDescriptors().Select(descriptor => descriptor.Id));

    [Fact]
    public void Ids_are_KG0001_to_KG0009_each_reported_by_one_analyzer()
    {
        string[] ids = AllAnalyzersVerifier.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"KG{i:D4}"), ids);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_a_warning_with_a_help_page(string id)
    {
        DiagnosticDescriptor descriptor = AllDescriptors().Single(d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal($"https://github.com/kernelgen/kernelgen/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);

        string page = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "rules", id + ".md"));
        Assert.StartsWith($"# {id}:", page, StringComparison.Ordinal);
        Assert.Contains("## Bad", page, StringComparison.Ordinal);
        Assert.Contains("## Good", page, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_release_tracked(string id)
    {
        string unshipped = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "analyzers", "KernelGen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {DiagnosticDescriptors.Category} | Warning |", unshipped, StringComparison.Ordinal);
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors()
        => typeof(DiagnosticDescriptors).GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
}
