using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KernelGen.Serving.Api;

/// <summary>A request that passed validation: its texts and how to encode the answer.</summary>
/// <param name="Inputs">The texts, in order, none empty.</param>
/// <param name="Base64">Whether embeddings go back as base64 of their little-endian float32 bytes.</param>
internal sealed record ValidatedRequest(IReadOnlyList<string> Inputs, bool Base64);

/// <summary>Checks a parsed <see cref="EmbeddingRequest"/> against the API and the server's limits.</summary>
internal static class RequestValidation
{
    /// <summary>The request's texts and format, or the error that answers it.</summary>
    public static (ValidatedRequest? Request, ApiError? Error) Validate(EmbeddingRequest? request, ServingOptions options, int dimensions)
    {
        if (request is null)
        {
            return Fail(ApiError.InvalidRequest("invalid_json", null, "The request body must be a JSON object."));
        }

        if (request.Model is { } model && model != options.ModelName)
        {
            return Fail(new ApiError(StatusCodes.Status404NotFound, "invalid_request_error", "model_not_found", "model", $"The model '{model}' does not exist; this server serves '{options.ModelName}'."));
        }

        bool base64 = request.EncodingFormat is "base64";
        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            return Fail(ApiError.InvalidRequest("invalid_encoding_format", "encoding_format", $"'{request.EncodingFormat}' is not an encoding_format; use 'float' or 'base64'."));
        }

        if (request.Dimensions is int asked && asked != dimensions)
        {
            return Fail(ApiError.InvalidRequest("invalid_dimensions", "dimensions", string.Create(CultureInfo.InvariantCulture, $"This model's embeddings have {dimensions} dimensions; it cannot give {asked}.")));
        }

        (IReadOnlyList<string>? inputs, ApiError? error) = Inputs(request.Input, options.MaxInputsPerRequest);
        return error is not null ? Fail(error) : (new ValidatedRequest(inputs!, base64), null);
    }

    private static (IReadOnlyList<string>? Inputs, ApiError? Error) Inputs(JsonElement input, int maxInputs)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return (null, ApiError.InvalidRequest("missing_input", "input", "'input' is required: a string or an array of strings."));
            case JsonValueKind.String:
                string text = input.GetString()!;
                return text.Length == 0 ? (null, Empty("'input' is an empty string.")) : ([text], null);
            case JsonValueKind.Array:
                int count = input.GetArrayLength();
                if (count == 0)
                {
                    return (null, Empty("'input' is an empty array."));
                }

                if (count > maxInputs)
                {
                    return (null, ApiError.InvalidRequest("too_many_inputs", "input", string.Create(CultureInfo.InvariantCulture, $"'input' has {count} items; at most {maxInputs} are allowed per request.")));
                }

                var texts = new List<string>(count);
                foreach (JsonElement item in input.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return (null, Invalid(string.Create(CultureInfo.InvariantCulture, $"'input[{texts.Count}]' is not a string; this server takes strings, not token arrays.")));
                    }

                    string itemText = item.GetString()!;
                    if (itemText.Length == 0)
                    {
                        return (null, Empty(string.Create(CultureInfo.InvariantCulture, $"'input[{texts.Count}]' is an empty string.")));
                    }

                    texts.Add(itemText);
                }

                return (texts, null);
            default:
                return (null, Invalid("'input' must be a string or an array of strings."));
        }
    }

    private static ApiError Empty(string message) => ApiError.InvalidRequest("empty_input", "input", message);

    private static ApiError Invalid(string message) => ApiError.InvalidRequest("invalid_input", "input", message);

    private static (ValidatedRequest? Request, ApiError? Error) Fail(ApiError error) => (null, error);
}
