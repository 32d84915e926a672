using System.Linq;
using System.Threading.Tasks;
using KernelGen.Models.MiniLM;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>With <c>--too-many-tokens truncate</c>, a long input is embedded as its first tokens and [SEP], with those bits alone.</summary>
public sealed class TruncationTests(ModelFixture model) : IAsyncLifetime
{
    private const int MaxTokens = 8;
    private ServerHost _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await ServerHost.StartAsync(model.Encoder, "--too-many-tokens", "truncate", "--max-tokens", $"{MaxTokens}");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_long_input_gets_the_bits_of_its_truncated_ids_alone_and_counts_the_kept_tokens()
    {
        string text = model.Corpus.First(sentence => model.Encoder.Tokenize(sentence).Length > MaxTokens + 4);
        int[] ids = model.Encoder.Tokenize(text);
        int[] kept = SentenceTokenizer.Truncate(ids, MaxTokens);

        (byte[][] embeddings, int tokens) = await Api.EmbedBase64Async(_server.Client, [text, "short"], TestContext.Current.CancellationToken);

        Assert.Equal([.. ids[..(MaxTokens - 1)], ids[^1]], kept);
        Assert.Equal(Api.Bytes(model.Alone(kept)), embeddings[0]);
        Assert.Equal(Api.Bytes(model.Alone("short")), embeddings[1]);
        Assert.Equal(MaxTokens + model.Encoder.Tokenize("short").Length, tokens);
    }
}
