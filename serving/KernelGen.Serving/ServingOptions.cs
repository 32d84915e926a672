using System;
using System.Collections.Generic;
using KernelGen.Models.MiniLM;

namespace KernelGen.Serving;

/// <summary>What the server does with an input longer than <see cref="ServingOptions.MaxTokensPerInput"/>.</summary>
public enum TokenLimitPolicy
{
    /// <summary>Answer 400 (<c>context_length_exceeded</c>) and embed nothing of the request.</summary>
    Refuse,

    /// <summary>Keep the first tokens and the closing <c>[SEP]</c>, as Hugging Face's truncation does.</summary>
    Truncate,
}

/// <summary>
/// The server's settings: section <c>Serving</c> of appsettings.json, environment variables
/// (<c>Serving__MaxBatchSize</c>) or the command line (<c>--max-batch 32</c>, <c>--Serving:MaxBatchSize=32</c>).
/// </summary>
public sealed class ServingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Serving";

    /// <summary><c>cpu</c> or <c>cuda</c> (the first CUDA GPU); chosen once, at start.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>An ONNX export of a BERT of MiniLM's dimensions; empty for the packaged all-MiniLM-L6-v2.</summary>
    public string? Model { get; set; }

    /// <summary>The model's vocab.txt; needed with <see cref="Model"/>.</summary>
    public string? Vocabulary { get; set; }

    /// <summary>The model name the API answers to and reports.</summary>
    public string ModelName { get; set; } = "all-MiniLM-L6-v2";

    /// <summary>The most sentences one forward pass takes.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long the first sentence of a batch waits for others before the batch runs anyway.</summary>
    public double MaxBatchWaitMilliseconds { get; set; } = 5;

    /// <summary>The most sentences waiting for a batch; a request that does not fit is answered 429.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>The <c>Retry-After</c> seconds of a 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The most inputs one request may carry (OpenAI's limit is 2048).</summary>
    public int MaxInputsPerRequest { get; set; } = 2048;

    /// <summary>The most tokens of one input, <c>[CLS]</c> and <c>[SEP]</c> included; at most the model's positions.</summary>
    public int MaxTokensPerInput { get; set; } = MiniLm.MaxPositions;

    /// <summary>Refuse or truncate an input over <see cref="MaxTokensPerInput"/>.</summary>
    public TokenLimitPolicy TooManyTokens { get; set; } = TokenLimitPolicy.Refuse;

    /// <summary>The largest request body, in bytes; a larger one is answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>CPU threads of a forward pass; empty for all cores. Never changes a bit.</summary>
    public int? Threads { get; set; }

    /// <summary>The settings that cannot work together, one message each; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Device is not ("cpu" or "cuda"))
        {
            problems.Add($"Device is '{Device}'; it must be cpu or cuda.");
        }

        if (string.IsNullOrEmpty(Model) != string.IsNullOrEmpty(Vocabulary))
        {
            problems.Add("Model and Vocabulary go together: give both files, or neither for the packaged model.");
        }

        if (MaxBatchSize < 1)
        {
            problems.Add($"MaxBatchSize is {MaxBatchSize}; it must be 1 or more.");
        }

        if (MaxBatchWaitMilliseconds < 0)
        {
            problems.Add($"MaxBatchWaitMilliseconds is {MaxBatchWaitMilliseconds}; it must be 0 or more.");
        }

        if (MaxInputsPerRequest < 1 || MaxInputsPerRequest > QueueCapacity)
        {
            problems.Add($"MaxInputsPerRequest is {MaxInputsPerRequest}; it must be 1 to QueueCapacity ({QueueCapacity}).");
        }

        if (MaxTokensPerInput < 2 || MaxTokensPerInput > MiniLm.MaxPositions)
        {
            problems.Add($"MaxTokensPerInput is {MaxTokensPerInput}; it must be 2 to {MiniLm.MaxPositions}.");
        }

        if (MaxRequestBodyBytes < 1)
        {
            problems.Add($"MaxRequestBodyBytes is {MaxRequestBodyBytes}; it must be 1 or more.");
        }

        if (Threads is < 1)
        {
            problems.Add($"Threads is {Threads}; it must be 1 or more.");
        }

        return problems;
    }
}
