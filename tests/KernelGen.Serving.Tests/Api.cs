using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>Raw HTTP calls to /v1/embeddings and the checks every test makes of their answers.</summary>
internal static class Api
{
    /// <summary>POSTs <paramref name="json"/> as it is; returns the status, the body and the response.</summary>
    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string json, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        HttpResponseMessage response = await client.PostAsync(new Uri("v1/embeddings", UriKind.Relative), content, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response);
    }

    /// <summary>The JSON of a request for <paramref name="inputs"/> in base64.</summary>
    public static string Base64Request(IEnumerable<string> inputs) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["input"] = inputs.ToArray(), ["model"] = "all-MiniLM-L6-v2", ["encoding_format"] = "base64" });

    /// <summary>Embeds <paramref name="inputs"/> in base64; asserts 200 and returns each embedding's bytes and the usage.</summary>
    public static async Task<(byte[][] Embeddings, int PromptTokens)> EmbedBase64Async(HttpClient client, IEnumerable<string> inputs, CancellationToken cancellationToken = default)
    {
        (HttpStatusCode status, string body, HttpResponseMessage response) = await PostAsync(client, Base64Request(inputs), cancellationToken);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        byte[][] embeddings = [.. json.RootElement.GetProperty("data").EnumerateArray().Select(item => Convert.FromBase64String(item.GetProperty("embedding").GetString()!))];
        return (embeddings, json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    /// <summary>A float vector's bytes as the API carries them (little-endian; this test machine is).</summary>
    public static byte[] Bytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    /// <summary>The exact error body the server writes.</summary>
    public static string Error(string message, string type, string? param, string code) =>
        JsonSerializer.Serialize(new { error = new { message, type, param, code } });
}
