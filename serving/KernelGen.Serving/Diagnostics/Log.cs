using System;
using Microsoft.Extensions.Logging;

namespace KernelGen.Serving.Diagnostics;

/// <summary>The server's structured log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Model {ModelName} loaded on {Device} in {Seconds:F1} s; batches of up to {MaxBatchSize}, waiting up to {MaxWaitMilliseconds} ms")]
    public static partial void ModelLoaded(ILogger logger, string modelName, string device, double seconds, int maxBatchSize, double maxWaitMilliseconds);

    [LoggerMessage(2, LogLevel.Debug, "Batch of {Sentences} sentences, {Sequence} positions, ran in {Milliseconds:F1} ms")]
    public static partial void BatchRan(ILogger logger, int sentences, int sequence, double milliseconds);

    [LoggerMessage(3, LogLevel.Error, "Batch of {Sentences} sentences failed on the device; its requests get 503 and the server keeps serving")]
    public static partial void DeviceFailed(ILogger logger, int sentences, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Batch of {Sentences} sentences failed")]
    public static partial void BatchFailed(ILogger logger, int sentences, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Request rejected: {Status} {Code}: {Message}")]
    public static partial void RequestRejected(ILogger logger, int status, string code, string message);

    [LoggerMessage(6, LogLevel.Information, "Shutting down: finishing the {Sentences} sentences in the queue")]
    public static partial void Draining(ILogger logger, int sentences);

    [LoggerMessage(7, LogLevel.Debug, "{Sentences} sentences left out of a batch: their clients went away")]
    public static partial void AbandonedSentences(ILogger logger, int sentences);
}
