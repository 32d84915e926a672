using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Models.MiniLM;
using KernelGen.Serving.Batching;
using KernelGen.Serving.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KernelGen.Serving;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the in-process model, through the dynamic batcher:
/// what the server's endpoint calls, and what a .NET application resolves from its services
/// (<see cref="ServingServiceCollectionExtensions.AddKernelGenEmbeddings"/>). Each embedding has the bits its text
/// gets alone, whatever else shares its batch.
/// </summary>
public sealed class KernelGenEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ISentenceEncoder _encoder;
    private readonly DynamicBatcher _batcher;
    private readonly ServingOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates the generator over <paramref name="batcher"/>.</summary>
    public KernelGenEmbeddingGenerator(ISentenceEncoder encoder, DynamicBatcher batcher, IOptions<ServingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        _encoder = encoder;
        _batcher = batcher;
        _options = options.Value;
        _metadata = new EmbeddingGeneratorMetadata("KernelGen", providerUri: null, _options.ModelName, encoder.Dimensions);
    }

    /// <summary>
    /// Tokenizes <paramref name="values"/>, applies the token limit, and embeds them.
    /// <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> counts the tokens embedded.
    /// </summary>
    /// <exception cref="EmbeddingRejectedException">Too many tokens (with the refuse policy), a full queue, a device failure, or shutdown.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.ModelId is { } model && model != _options.ModelName)
        {
            throw new ArgumentException($"This generator serves '{_options.ModelName}', not '{model}'.", nameof(options));
        }

        int[][] ids = [.. values.Select(Tokenize)];
        float[][] vectors = await _batcher.EmbedAsync(ids, cancellationToken).ConfigureAwait(false);
        DateTimeOffset created = DateTimeOffset.UtcNow;
        long tokens = ids.Sum(sentence => (long)sentence.Length);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(vector => new Embedding<float>(vector)
        {
            ModelId = _options.ModelName,
            CreatedAt = created,
        }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };

        int[] Tokenize(string text, int index)
        {
            int[] sentence = _encoder.Tokenize(text);
            if (sentence.Length <= _options.MaxTokensPerInput)
            {
                return sentence;
            }

            if (_options.TooManyTokens == TokenLimitPolicy.Truncate)
            {
                return SentenceTokenizer.Truncate(sentence, _options.MaxTokensPerInput);
            }

            throw new EmbeddingRejectedException(
                RejectionKind.TooManyTokens,
                $"Input {index} has {sentence.Length} tokens; this model takes at most {_options.MaxTokensPerInput} per input. Shorten it, or start the server with --too-many-tokens truncate.")
            {
                InputIndex = index,
            };
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the model and the batcher belong to the host's services.</summary>
    public void Dispose()
    {
    }
}
