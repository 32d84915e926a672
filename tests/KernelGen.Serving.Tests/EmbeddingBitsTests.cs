using System;
using System.ClientModel;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Embeddings;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>Every way of asking gives the bits each sentence gets alone: raw base64, raw floats, the OpenAI client, the in-process generator.</summary>
public sealed class EmbeddingBitsTests(ModelFixture model) : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerHost.StartAsync(model.Encoder, "--max-wait-ms", "20");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Base64_carries_the_exact_bytes_of_each_sentence_embedded_alone()
    {
        string[] inputs = [model.Corpus[0], model.Corpus[1], model.Corpus[2]];

        (byte[][] embeddings, int tokens) = await Api.EmbedBase64Async(_server.Client, inputs, TestContext.Current.CancellationToken);

        Assert.Equal(inputs.Length, embeddings.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(Api.Bytes(model.Alone(inputs[i])), embeddings[i]);
        }

        Assert.Equal(inputs.Sum(text => model.Encoder.Tokenize(text).Length), tokens);
    }

    [Fact]
    public async Task Float_numbers_read_back_to_the_same_bits()
    {
        string text = model.Corpus[3];

        (HttpStatusCode status, string body, _) = await Api.PostAsync(_server.Client, JsonSerializer.Serialize(new { input = text, model = "all-MiniLM-L6-v2" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement item = json.RootElement.GetProperty("data")[0];
        float[] got = [.. item.GetProperty("embedding").EnumerateArray().Select(value => float.Parse(value.GetRawText(), CultureInfo.InvariantCulture))];
        Assert.Equal(Api.Bytes(model.Alone(text)), Api.Bytes(got));
        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        Assert.Equal("all-MiniLM-L6-v2", json.RootElement.GetProperty("model").GetString());
        int tokens = model.Encoder.Tokenize(text).Length;
        Assert.Equal(tokens, json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(tokens, json.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task The_OpenAI_client_gets_the_bits_of_each_sentence_alone()
    {
        var client = new EmbeddingClient("all-MiniLM-L6-v2", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(_server.Address, "v1") });
        string[] inputs = [.. model.Corpus.Skip(4).Take(5)];

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(inputs, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(inputs.Length, embeddings.Count);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(i, embeddings[i].Index);
            Assert.Equal(Api.Bytes(model.Alone(inputs[i])), Api.Bytes(embeddings[i].ToFloats().ToArray()));
        }

        Assert.Equal(inputs.Sum(text => model.Encoder.Tokenize(text).Length), embeddings.Usage.InputTokenCount);
    }

    [Fact]
    public async Task The_in_process_generator_gives_the_same_bits_and_describes_itself()
    {
        var generator = _server.App.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        string[] inputs = [model.Corpus[9], model.Corpus[10]];

        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(inputs, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Api.Bytes(model.Alone(inputs[0])), Api.Bytes(embeddings[0].Vector.ToArray()));
        Assert.Equal(Api.Bytes(model.Alone(inputs[1])), Api.Bytes(embeddings[1].Vector.ToArray()));
        Assert.Equal("all-MiniLM-L6-v2", embeddings[0].ModelId);
        EmbeddingGeneratorMetadata metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal(("KernelGen", "all-MiniLM-L6-v2", 384), (metadata.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions));
    }

    [Fact]
    public async Task Health_says_live_and_ready_says_ready_with_the_device()
    {
        Assert.Equal("""{"status":"live","device":null}""", await _server.Client.GetStringAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal("""{"status":"ready","device":"cpu"}""", await _server.Client.GetStringAsync(new Uri("ready", UriKind.Relative), TestContext.Current.CancellationToken));
    }
}
