using System;
using System.IO;

namespace KernelGen.Package.Tests;

/// <summary>The folder holding KernelGen.sln, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "KernelGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No KernelGen.sln above {AppContext.BaseDirectory}.");
    }
}
