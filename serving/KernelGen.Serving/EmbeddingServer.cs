using System;
using System.Collections.Generic;
using System.Diagnostics;
using KernelGen.Serving.Api;
using KernelGen.Serving.Diagnostics;
using KernelGen.Serving.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KernelGen.Serving;

/// <summary>Builds the server: configuration, services, Kestrel's limits and the endpoints.</summary>
public static class EmbeddingServer
{
    /// <summary>The command line's short switches and the settings they set (docs/serving.md).</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--device"] = "Serving:Device",
        ["--model"] = "Serving:Model",
        ["--vocab"] = "Serving:Vocabulary",
        ["--model-name"] = "Serving:ModelName",
        ["--max-batch"] = "Serving:MaxBatchSize",
        ["--max-wait-ms"] = "Serving:MaxBatchWaitMilliseconds",
        ["--queue"] = "Serving:QueueCapacity",
        ["--max-inputs"] = "Serving:MaxInputsPerRequest",
        ["--max-tokens"] = "Serving:MaxTokensPerInput",
        ["--too-many-tokens"] = "Serving:TooManyTokens",
        ["--max-body-bytes"] = "Serving:MaxRequestBodyBytes",
        ["--threads"] = "Serving:Threads",
    };

    /// <summary>
    /// Builds the server from <paramref name="args"/> (appsettings.json, environment and command line as ASP.NET Core
    /// reads them, plus <see cref="Switches"/>), loads the model, and runs one sentence through it so that a
    /// missing GPU or a kernel that does not load fails the start rather than the first request.
    /// </summary>
    /// <param name="args">The command line (<c>--urls</c>, <c>--device cuda</c>, …).</param>
    /// <param name="configureServices">Called before the server's own services are added (tests register an
    /// <see cref="ISentenceEncoder"/> here to share one loaded model).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(Switches));
        configureServices?.Invoke(builder.Services);
        builder.Services.AddKernelGenEmbeddings(builder.Configuration);
        builder.Services.AddSingleton<EmbeddingsEndpoint>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServingOptions>>(
            (kestrel, serving) => kestrel.Limits.MaxRequestBodySize = serving.Value.MaxRequestBodyBytes);

        WebApplication app = builder.Build();
        WarmUp(app);
        app.MapPost("/v1/embeddings", context => context.RequestServices.GetRequiredService<EmbeddingsEndpoint>().HandleAsync(context));
        HealthEndpoints.Map(app);
        return app;
    }

    private static void WarmUp(WebApplication app)
    {
        var clock = Stopwatch.StartNew();
        ServingOptions options = app.Services.GetRequiredService<IOptions<ServingOptions>>().Value;
        ISentenceEncoder encoder = app.Services.GetRequiredService<ISentenceEncoder>();
        encoder.Embed([encoder.Tokenize("KernelGen warms up.")]);
        Log.ModelLoaded(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmbeddingServer).FullName!),
            options.ModelName,
            encoder.DeviceDescription,
            clock.Elapsed.TotalSeconds,
            options.MaxBatchSize,
            options.MaxBatchWaitMilliseconds);
    }
}
