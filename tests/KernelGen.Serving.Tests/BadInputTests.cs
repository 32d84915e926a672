using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>
/// Every bad request of docs/robustness.md: its status code, its exact OpenAI error body, and the server's answer
/// to the next, good request (the bits of that sentence alone).
/// </summary>
public sealed class BadInputTests(ModelFixture model) : IAsyncLifetime
{
    private const int MaxTokens = 16;
    private const int MaxBodyBytes = 4096;
    private ServerHost _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await ServerHost.StartAsync(model.Encoder, "--max-inputs", "4", "--max-tokens", $"{MaxTokens}", "--max-body-bytes", $"{MaxBodyBytes}");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static TheoryData<string, string, HttpStatusCode, string> Cases => new()
    {
        {
            "malformed JSON", """{"input": "unterminated""",
            HttpStatusCode.BadRequest, Api.Error("We could not parse the JSON body of your request (line 1, byte 24). The API expects a JSON object.", "invalid_request_error", null, "invalid_json")
        },
        {
            "not an object", "[1, 2]",
            HttpStatusCode.BadRequest, Api.Error("We could not parse the JSON body of your request (line 1, byte 2). The API expects a JSON object.", "invalid_request_error", null, "invalid_json")
        },
        {
            "null body", "null",
            HttpStatusCode.BadRequest, Api.Error("The request body must be a JSON object.", "invalid_request_error", null, "invalid_json")
        },
        {
            "no input", """{"model": "all-MiniLM-L6-v2"}""",
            HttpStatusCode.BadRequest, Api.Error("'input' is required: a string or an array of strings.", "invalid_request_error", "input", "missing_input")
        },
        {
            "empty string", """{"input": ""}""",
            HttpStatusCode.BadRequest, Api.Error("'input' is an empty string.", "invalid_request_error", "input", "empty_input")
        },
        {
            "empty array", """{"input": []}""",
            HttpStatusCode.BadRequest, Api.Error("'input' is an empty array.", "invalid_request_error", "input", "empty_input")
        },
        {
            "empty item", """{"input": ["a", ""]}""",
            HttpStatusCode.BadRequest, Api.Error("'input[1]' is an empty string.", "invalid_request_error", "input", "empty_input")
        },
        {
            "token array", """{"input": [[101, 102]]}""",
            HttpStatusCode.BadRequest, Api.Error("'input[0]' is not a string; this server takes strings, not token arrays.", "invalid_request_error", "input", "invalid_input")
        },
        {
            "number", """{"input": 42}""",
            HttpStatusCode.BadRequest, Api.Error("'input' must be a string or an array of strings.", "invalid_request_error", "input", "invalid_input")
        },
        {
            "too many inputs", """{"input": ["a", "b", "c", "d", "e"]}""",
            HttpStatusCode.BadRequest, Api.Error("'input' has 5 items; at most 4 are allowed per request.", "invalid_request_error", "input", "too_many_inputs")
        },
        {
            "another model", """{"input": "a", "model": "text-embedding-3-small"}""",
            HttpStatusCode.NotFound, Api.Error("The model 'text-embedding-3-small' does not exist; this server serves 'all-MiniLM-L6-v2'.", "invalid_request_error", "model", "model_not_found")
        },
        {
            "unknown encoding", """{"input": "a", "encoding_format": "int8"}""",
            HttpStatusCode.BadRequest, Api.Error("'int8' is not an encoding_format; use 'float' or 'base64'.", "invalid_request_error", "encoding_format", "invalid_encoding_format")
        },
        {
            "other dimensions", """{"input": "a", "dimensions": 256}""",
            HttpStatusCode.BadRequest, Api.Error("This model's embeddings have 384 dimensions; it cannot give 256.", "invalid_request_error", "dimensions", "invalid_dimensions")
        },
        {
            "too many tokens (refused)", """{"input": ["short", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"]}""",
            HttpStatusCode.BadRequest, Api.Error($"Input 1 has 17 tokens; this model takes at most {MaxTokens} per input. Shorten it, or start the server with --too-many-tokens truncate.", "invalid_request_error", "input", "context_length_exceeded")
        },
        {
            "body too large", $$"""{"input": "{{new string('a', MaxBodyBytes)}}"}""",
            HttpStatusCode.RequestEntityTooLarge, Api.Error($"The request body is larger than this server's limit of {MaxBodyBytes} bytes.", "invalid_request_error", null, "request_too_large")
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_its_status_and_error_body_and_the_server_answers_the_next(string label, string body, HttpStatusCode status, string error)
    {
        (HttpStatusCode gotStatus, string gotBody, HttpResponseMessage response) = await Api.PostAsync(_server.Client, body, TestContext.Current.CancellationToken);
        response.Dispose();

        Assert.True(status == gotStatus, $"{label}: {(int)gotStatus} {gotBody}");
        Assert.Equal(error, gotBody);
        await AssertTheNextRequestIsAnsweredAsync();
    }

    [Fact]
    public void The_too_many_tokens_case_really_has_17_tokens()
    {
        Assert.Equal(17, model.Encoder.Tokenize("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen").Length);
    }

    private async Task AssertTheNextRequestIsAnsweredAsync()
    {
        string text = model.Corpus[20];
        (byte[][] embeddings, _) = await Api.EmbedBase64Async(_server.Client, [text], TestContext.Current.CancellationToken);
        Assert.Equal(Api.Bytes(model.Alone(text)), embeddings.Single());
    }
}
