using KernelGen.Serving.Batching;
using KernelGen.Serving.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KernelGen.Serving;

/// <summary><c>/health</c> (the process answers) and <c>/ready</c> (the model is loaded and batches run).</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/health", () => Results.Json(new HealthStatus("live", null), HealthJsonContext.Default.HealthStatus));
        app.MapGet("/ready", (DynamicBatcher batcher, ISentenceEncoder encoder) => batcher.IsAccepting
            ? Results.Json(new HealthStatus("ready", encoder.DeviceDescription), HealthJsonContext.Default.HealthStatus)
            : Results.Json(new HealthStatus("not ready", encoder.DeviceDescription), HealthJsonContext.Default.HealthStatus, statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
