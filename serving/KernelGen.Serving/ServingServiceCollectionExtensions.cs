using System;
using KernelGen.Serving.Batching;
using KernelGen.Serving.Diagnostics;
using KernelGen.Serving.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KernelGen.Serving;

/// <summary>Registers the model, the dynamic batcher and the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Adds deterministic embeddings to a host: <see cref="ServingOptions"/> bound from <paramref name="configuration"/>'s
    /// <c>Serving</c> section (validated at start), the model (<see cref="MiniLmSentenceEncoder"/> unless an
    /// <see cref="ISentenceEncoder"/> is already registered), the <see cref="DynamicBatcher"/> as a hosted service,
    /// <see cref="ServingMetrics"/>, and <see cref="KernelGenEmbeddingGenerator"/> as
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings.
    /// </summary>
    public static IServiceCollection AddKernelGenEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ServingOptions>().Bind(configuration.GetSection(ServingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<ServingMetrics>();
        services.TryAddSingleton<ISentenceEncoder>(provider => MiniLmSentenceEncoder.Load(provider.GetRequiredService<IOptions<ServingOptions>>().Value));
        services.TryAddSingleton<DynamicBatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<DynamicBatcher>());
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, KernelGenEmbeddingGenerator>();
        return services;
    }

    private sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
    {
        public ValidateOptionsResult Validate(string? name, ServingOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
