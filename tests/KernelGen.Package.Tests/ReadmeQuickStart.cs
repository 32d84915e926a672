using System;
using System.IO;
using System.Text.RegularExpressions;
using KernelGen.Tests;

namespace KernelGen.Package.Tests;

/// <summary>The quick start's C# files, read from README.md, so that the README is tested as written.</summary>
internal static partial class ReadmeQuickStart
{
    /// <summary>The block that starts with <c>// <paramref name="fileName"/></c>.</summary>
    public static string File(string fileName)
    {
        string readme = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (Match block in CSharpBlock().Matches(readme))
        {
            string code = block.Groups["code"].Value;
            if (code.StartsWith($"// {fileName}\n", StringComparison.Ordinal))
            {
                return code;
            }
        }

        throw new InvalidOperationException($"README.md has no ```csharp block starting with '// {fileName}'.");
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
