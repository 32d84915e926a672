using System;
using System.IO;
using System.Threading.Tasks;
using KernelGen.Models.MiniLM;
using KernelGen.RealModel.Tests;
using SentenceEmbeddings;
using Xunit;

[assembly: AssemblyFixture(typeof(MiniLmFixture))]

namespace KernelGen.RealModel.Tests;

/// <summary>The packaged model, loaded once: its bytes (also written to a temporary file for the command line), KernelGen's model in both arithmetic tiers, the tokenizer and ONNX Runtime on 1 thread.</summary>
public sealed class MiniLmFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kernelgen-minilm-").FullName;

    public byte[] ModelBytes { get; private set; } = [];

    public MiniLm Model { get; private set; } = null!;

    /// <summary>The same weights with the Linear layers in KG-Exact-1.</summary>
    public MiniLm ExactModel { get; private set; } = null!;

    public SentenceTokenizer Tokenizer { get; private set; } = null!;

    public OnnxRuntimeEncoder OnnxRuntime { get; private set; } = null!;

    /// <summary>model.onnx on disk.</summary>
    public string ModelPath => Path.Combine(_folder, "model.onnx");

    /// <summary>vocab.txt on disk.</summary>
    public string VocabularyPath => Path.Combine(_folder, "vocab.txt");

    /// <summary>A scratch path in the fixture's folder.</summary>
    public string PathOf(string name) => Path.Combine(_folder, name);

    public ValueTask InitializeAsync()
    {
        ModelBytes = PackagedModel.ReadModel();
        File.WriteAllBytes(ModelPath, ModelBytes);
        using (Stream vocabulary = PackagedModel.OpenVocabulary())
        using (FileStream copy = File.Create(VocabularyPath))
        {
            vocabulary.CopyTo(copy);
        }

        using (Stream vocabulary = PackagedModel.OpenVocabulary())
        {
            Tokenizer = SentenceTokenizer.Create(vocabulary);
        }

        Model = MiniLm.Load(OnnxFile.FromMemory(ModelBytes));
        ExactModel = MiniLm.Load(OnnxFile.FromMemory(ModelBytes), KernelArithmetic.Exact);
        OnnxRuntime = new OnnxRuntimeEncoder(ModelBytes, threads: 1);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        OnnxRuntime.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
