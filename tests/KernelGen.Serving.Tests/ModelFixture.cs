using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;
using KernelGen.Models.MiniLM;
using KernelGen.Serving.Model;
using KernelGen.Serving.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(ModelFixture))]

namespace KernelGen.Serving.Tests;

/// <summary>
/// The packaged all-MiniLM-L6-v2 on the CPU, loaded once and shared by every server the tests start, the corpus,
/// and each sentence's embedding computed alone (a batch of one), the reference every response must equal.
/// </summary>
public sealed class ModelFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, float[]> _alone = new(StringComparer.Ordinal);

    /// <summary>The model, behind the encoder's lock.</summary>
    public MiniLmSentenceEncoder Encoder { get; private set; } = null!;

    /// <summary>samples/SentenceEmbeddings/corpus.txt, one sentence a line.</summary>
    public string[] Corpus { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "corpus.txt"));

    /// <summary>The embedding of <paramref name="text"/> run alone, batch 1, no padding.</summary>
    public float[] Alone(string text) => _alone.GetOrAdd(text, t => Encoder.Embed([Encoder.Tokenize(t)])[0]);

    /// <summary>The embedding of already tokenized ids run alone.</summary>
    public float[] Alone(int[] ids) => Encoder.Embed([ids])[0];

    public ValueTask InitializeAsync()
    {
        SentenceTokenizer tokenizer;
        using (Stream vocabulary = PackagedModel.OpenVocabulary())
        {
            tokenizer = SentenceTokenizer.Create(vocabulary);
        }

        Encoder = MiniLmSentenceEncoder.Create(MiniLm.Load(OnnxFile.FromMemory(PackagedModel.ReadModel())), tokenizer, "cpu");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Encoder.Dispose();
        return ValueTask.CompletedTask;
    }
}
