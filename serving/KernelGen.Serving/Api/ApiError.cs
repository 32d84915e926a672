using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KernelGen.Serving.Api;

/// <summary>
/// An error answer in OpenAI's shape, <c>{"error":{"message","type","param","code"}}</c>, with its status code
/// (the table in docs/robustness.md).
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Type">OpenAI's error type: <c>invalid_request_error</c>, <c>requests</c> or <c>server_error</c>.</param>
/// <param name="Code">A stable code a client can switch on.</param>
/// <param name="Param">The request field at fault, or null.</param>
/// <param name="Message">What went wrong and what to do, for people.</param>
internal sealed record ApiError(int Status, string Type, string Code, string? Param, string Message)
{
    /// <summary>Seconds for a <c>Retry-After</c> header, or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ApiError InvalidRequest(string code, string? param, string message) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", code, param, message);

    /// <summary>Writes the status, <c>Retry-After</c> when set, and the JSON body.</summary>
    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        if (RetryAfterSeconds is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", Message);
            json.WriteString("type", Type);
            json.WriteString("param", Param);
            json.WriteString("code", Code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
