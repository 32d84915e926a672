using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using KernelGen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace KernelGen.Generator.Tests.Modules;

/// <summary>
/// The <c>CollectChildren</c> override generated for <c>[Module]</c> classes: its text against the snapshots,
/// that it compiles without warnings, and the state-dict paths the compiled modules report.
/// </summary>
public sealed class ModuleGenerationTests
{
    private static readonly string[] ModuleFiles =
        ["Demo.Text.Block.Module.g.cs", "Demo.Text.Encoder.Stack.Module.g.cs", "Demo.Text.Encoder.Tagged.Module.g.cs"];

    [Fact]
    public void Each_module_gets_one_file_that_matches_its_snapshot()
    {
        GeneratorRun run = GeneratorHarness.Run(ModuleSources.Layers, ModuleSources.Modules);

        Assert.Empty(run.Result.Diagnostics);
        GeneratedSourceResult[] modules = run.Result.GeneratedSources.Where(source => source.HintName.EndsWith(".Module.g.cs", StringComparison.Ordinal)).ToArray();
        Assert.Equal(ModuleFiles, modules.Select(source => source.HintName).Order());
        foreach (GeneratedSourceResult module in modules)
        {
            Snapshot.Match(module.HintName, module.SourceText.ToString());
        }
    }

    [Fact]
    public void Modules_and_their_layers_compile_together_without_warnings()
    {
        EmitAssert.EmitsWithoutWarnings(GeneratorHarness.Run(ModuleSources.Layers, ModuleSources.Modules));
    }

    [Fact]
    public void The_override_is_protected_internal_where_the_runtime_gives_access_to_its_internals()
    {
        // KernelGen gives KernelGen.Runtime.Tests its internals; overriding a protected internal member from
        // there must keep both (CS0507), and from any other assembly must be protected only.
        CSharpCompilation friend = GeneratorHarness.CreateCompilation(ModuleSources.Layers, ModuleSources.Modules).WithAssemblyName("KernelGen.Runtime.Tests");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), friend);

        EmitAssert.EmitsWithoutWarnings(run);
        Assert.Equal(Accessibility.ProtectedOrInternal, CollectChildren(run, "Demo.Text.Block").DeclaredAccessibility);
        Assert.Equal(Accessibility.Protected, CollectChildren(GeneratorHarness.Run(ModuleSources.Layers, ModuleSources.Modules), "Demo.Text.Block").DeclaredAccessibility);
    }

    [Fact]
    public void Compiled_modules_name_their_descendants_with_pytorch_paths_in_declaration_order()
    {
        GeneratorRun run = GeneratorHarness.Run(ModuleSources.Layers, ModuleSources.Modules);
        using var image = new MemoryStream();
        EmitResult emit = run.OutputCompilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emit.Success);
        Assembly assembly = Assembly.Load(image.ToArray());

        var tagged = (Module)Activator.CreateInstance(assembly.GetType("Demo.Text.Encoder+Tagged", throwOnError: true)!)!;

        string[] block = ["ln1", "fc1", "fc2", "LayerNorm"];
        IEnumerable<string> Blocks(string list, int count) =>
            Enumerable.Range(0, count).SelectMany(i => new[] { $"{list}.{i}" }.Concat(block.Select(child => $"{list}.{i}.{child}")));
        Assert.Equal(
            ["", "embeddings", .. Blocks("blocks", 2), .. Blocks("extra_blocks", 1), "final_norms.0", "head"],
            tagged.NamedModules().Select(pair => pair.Key));
        Assert.Equal(
            ["embeddings", "blocks.0", "blocks.1", "extra_blocks.0", "final_norms.0", "head"],
            tagged.NamedChildren().Select(pair => pair.Key));
    }

    private static IMethodSymbol CollectChildren(GeneratorRun run, string typeName) =>
        Assert.IsAssignableFrom<IMethodSymbol>(Assert.Single(run.OutputCompilation.GetTypeByMetadataName(typeName)!.GetMembers("CollectChildren")));
}
