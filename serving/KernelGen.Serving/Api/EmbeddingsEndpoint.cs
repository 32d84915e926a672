using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Serving.Batching;
using KernelGen.Serving.Diagnostics;
using KernelGen.Serving.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KernelGen.Serving.Api;

/// <summary><c>POST /v1/embeddings</c>: parse, validate, embed through the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, answer.</summary>
internal sealed class EmbeddingsEndpoint(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    ISentenceEncoder encoder,
    IOptions<ServingOptions> options,
    ServingMetrics metrics,
    ILogger<EmbeddingsEndpoint> logger)
{
    private readonly ServingOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        CancellationToken aborted = context.RequestAborted;
        EmbeddingRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ServingJsonContext.Default.EmbeddingRequest, aborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            await RejectAsync(context, ApiError.InvalidRequest("invalid_json", null, string.Create(CultureInfo.InvariantCulture, $"We could not parse the JSON body of your request (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}). The API expects a JSON object."))).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RejectAsync(context, new ApiError(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large", null, string.Create(CultureInfo.InvariantCulture, $"The request body is larger than this server's limit of {_options.MaxRequestBodyBytes} bytes."))).ConfigureAwait(false);
            return;
        }

        (ValidatedRequest? valid, ApiError? error) = RequestValidation.Validate(request, _options, encoder.Dimensions);
        if (error is not null)
        {
            await RejectAsync(context, error).ConfigureAwait(false);
            return;
        }

        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await generator.GenerateAsync(valid!.Inputs, options: null, aborted).ConfigureAwait(false);
        }
        catch (EmbeddingRejectedException rejection)
        {
            await RejectAsync(context, ErrorFor(rejection)).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return; // the client went away; its batch ran for the others
        }
#pragma warning disable CA1031 // any other failure of the batch (logged by the batcher) is this request's 500, in OpenAI's shape
        catch (Exception)
#pragma warning restore CA1031
        {
            await RejectAsync(context, new ApiError(StatusCodes.Status500InternalServerError, "server_error", "internal_error", null, "The server failed to embed this request; the failure is in its log.")).ConfigureAwait(false);
            return;
        }

        await EmbeddingResponseWriter.WriteAsync(context.Response, embeddings, _options.ModelName, valid.Base64, aborted).ConfigureAwait(false);
        metrics.RequestCompleted(Stopwatch.GetElapsedTime(started));
    }

    private ApiError ErrorFor(EmbeddingRejectedException rejection) => rejection.Kind switch
    {
        RejectionKind.TooManyTokens => ApiError.InvalidRequest("context_length_exceeded", "input", rejection.Message),
        RejectionKind.QueueFull => new ApiError(StatusCodes.Status429TooManyRequests, "requests", "rate_limit_exceeded", null, rejection.Message)
        {
            RetryAfterSeconds = _options.RetryAfterSeconds,
        },
        RejectionKind.DeviceFailure => new ApiError(StatusCodes.Status503ServiceUnavailable, "server_error", "device_unavailable", null, rejection.Message),
        _ => new ApiError(StatusCodes.Status503ServiceUnavailable, "server_error", "shutting_down", null, rejection.Message),
    };

    private async Task RejectAsync(HttpContext context, ApiError error)
    {
        metrics.RequestRejected(error.Code);
        Log.RequestRejected(logger, error.Status, error.Code, error.Message);
        await error.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }
}
