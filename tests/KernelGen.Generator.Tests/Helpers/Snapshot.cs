using System;
using System.IO;
using Xunit;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>
/// Compares generated text, verbatim, with the files committed under <c>Snapshots/</c>.
/// </summary>
/// <remarks>
/// After an intended change of the emitted code, run the tests once with the environment variable
/// <c>KERNELGEN_UPDATE_SNAPSHOTS=1</c>:
/// <code>KERNELGEN_UPDATE_SNAPSHOTS=1 dotnet test tests/KernelGen.Generator.Tests -c Release</code>
/// Each compared snapshot is then rewritten with the current output (and the comparison passes);
/// review the change with <c>git diff</c> and commit it with the emitter change.
/// </remarks>
internal static class Snapshot
{
    public const string UpdateVariable = "KERNELGEN_UPDATE_SNAPSHOTS";

    private static readonly string Directory = Repository.Metadata("SnapshotDirectory");

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the snapshot <paramref name="fileName"/>, or rewrites it when updating.</summary>
    public static void Match(string fileName, string actual)
    {
        string path = Path.Combine(Directory, fileName);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Snapshot {path} does not exist; run the tests with {UpdateVariable}=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
