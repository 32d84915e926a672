using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>Edits of a compilation's sources as an editor makes them: one tree changed in place, the others kept.</summary>
internal static class SourceEdits
{
    /// <summary>Replaces the first occurrence of <paramref name="oldText"/>, which must exist, in the file <paramref name="path"/>.</summary>
    public static Compilation Replace(Compilation compilation, string path, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        SourceText text = tree.GetText(TestContext.Current.CancellationToken);
        int start = text.ToString().IndexOf(oldText, System.StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{oldText}' is not in {path}.");
        SyntaxTree edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, oldText.Length), newText)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }
}
