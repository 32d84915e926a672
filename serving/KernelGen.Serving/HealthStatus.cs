using System.Text.Json.Serialization;

namespace KernelGen.Serving;

/// <summary>The body of <c>/health</c> and <c>/ready</c>.</summary>
/// <param name="Status"><c>live</c>, <c>ready</c> or <c>not ready</c>.</param>
/// <param name="Device">The model's device, once loaded.</param>
internal sealed record HealthStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("device")] string? Device);

/// <summary>Source-generated JSON for <see cref="HealthStatus"/>.</summary>
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
