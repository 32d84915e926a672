using System;
using System.IO;

namespace KernelGen.Tests;

/// <summary>The repository's root: the nearest folder above the test assembly that holds KernelGen.sln.</summary>
internal static class RepositoryRoot
{
    /// <summary>The root's full path.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KernelGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No KernelGen.sln above {AppContext.BaseDirectory}.");
    }
}
