using System;
using System.Buffers.Binary;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace KernelGen.Serving.Api;

/// <summary>Writes OpenAI's embeddings response: <c>{"object":"list","data":[…],"model",…,"usage":{…}}</c>.</summary>
internal static class EmbeddingResponseWriter
{
    /// <summary>
    /// Writes <paramref name="embeddings"/>: as JSON numbers (the shortest text that reads back as the same float)
    /// or as base64 of the little-endian float32 bytes; either way the client gets the exact bits.
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, GeneratedEmbeddings<Embedding<float>> embeddings, string model, bool base64, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            for (int i = 0; i < embeddings.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("object", "embedding");
                json.WriteNumber("index", i);
                ReadOnlySpan<float> vector = embeddings[i].Vector.Span;
                if (base64)
                {
                    json.WriteBase64String("embedding", LittleEndianBytes(vector));
                }
                else
                {
                    json.WriteStartArray("embedding");
                    foreach (float value in vector)
                    {
                        json.WriteNumberValue(value);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("model", model);
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", embeddings.Usage?.InputTokenCount ?? 0);
            json.WriteNumber("total_tokens", embeddings.Usage?.TotalTokenCount ?? 0);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The float32 bytes, little-endian whatever the machine.</summary>
    public static byte[] LittleEndianBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }
}
