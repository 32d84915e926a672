using System.Text.Json;
using System.Text.Json.Serialization;

namespace KernelGen.Serving.Api;

/// <summary>The body of <c>POST /v1/embeddings</c>, as OpenAI's embeddings API defines it.</summary>
internal sealed class EmbeddingRequest
{
    /// <summary>A string or an array of strings (validated by <see cref="RequestValidation"/>).</summary>
    [JsonPropertyName("input")]
    public JsonElement Input { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary><c>float</c> (the default) or <c>base64</c>: the little-endian float32 bytes.</summary>
    [JsonPropertyName("encoding_format")]
    public string? EncodingFormat { get; set; }

    /// <summary>Accepted only as the model's own width: MiniLM's embeddings cannot be shortened.</summary>
    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }

    /// <summary>Accepted and ignored, as an end-user id is.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }
}

/// <summary>Source-generated JSON for the request.</summary>
[JsonSerializable(typeof(EmbeddingRequest))]
internal sealed partial class ServingJsonContext : JsonSerializerContext;
