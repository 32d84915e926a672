using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using KernelGen.Serving.Diagnostics;
using KernelGen.Serving.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KernelGen.Serving.Batching;

/// <summary>
/// Dynamic batching: sentences of any requests wait in one bounded queue; a batch closes when it holds
/// <see cref="ServingOptions.MaxBatchSize"/> sentences or when its first sentence has waited
/// <see cref="ServingOptions.MaxBatchWaitMilliseconds"/>, runs as one padded forward pass, and each embedding goes
/// back to its request. The model's batch invariance makes every embedding the bits its sentence gets alone.
/// On shutdown it takes no new work and finishes every sentence already queued.
/// </summary>
public sealed class DynamicBatcher : BackgroundService
{
    private readonly Channel<PendingSentence> _queue;
    private readonly ISentenceEncoder _encoder;
    private readonly ServingOptions _options;
    private readonly ServingMetrics _metrics;
    private readonly ILogger<DynamicBatcher> _logger;
    private int _queued; // sentences in the queue, or reserved a place there by a request being enqueued
    private volatile bool _accepting = true;

    /// <summary>Creates the batcher; it runs once the host starts it.</summary>
    public DynamicBatcher(ISentenceEncoder encoder, IOptions<ServingOptions> options, ServingMetrics metrics, ILogger<DynamicBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _encoder = encoder;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingSentence>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // never reached: a request reserves its places before writing
        });
    }

    /// <summary>Whether new requests are taken: the batch loop runs and shutdown has not begun.</summary>
    public bool IsAccepting => _accepting && ExecuteTask is { IsCompleted: false };

    /// <summary>Sentences waiting for a batch.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>
    /// Queues <paramref name="sentences"/> (all or none) and returns their embeddings, in order, once their batches
    /// have run. Cancelling gives up waiting; the batches the sentences joined run unchanged for the others.
    /// </summary>
    /// <exception cref="EmbeddingRejectedException">The queue is full, the server is shutting down, or the device failed.</exception>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<int[]> sentences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (!_accepting)
        {
            throw ShuttingDown();
        }

        Reserve(sentences.Count);
        long now = Stopwatch.GetTimestamp();
        var pending = new PendingSentence[sentences.Count];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = new PendingSentence(sentences[i], now, cancellationToken);
            if (!_queue.Writer.TryWrite(pending[i]))
            {
                // Shutdown completed the queue meanwhile; the sentences already written still run, unread.
                Interlocked.Add(ref _queued, -(pending.Length - i));
                throw ShuttingDown();
            }
        }

        var embeddings = new float[pending.Length][];
        for (int i = 0; i < pending.Length; i++)
        {
            embeddings[i] = await pending[i].Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return embeddings;
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _accepting = false;
        Log.Draining(_logger, QueueLength);
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop ends when the queue is completed and empty, not on stoppingToken: queued work is finished.
        ChannelReader<PendingSentence> reader = _queue.Reader;
        var batch = new List<PendingSentence>(_options.MaxBatchSize);
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await FillAsync(reader, batch).ConfigureAwait(false);
            Interlocked.Add(ref _queued, -batch.Count);
            Run(batch);
            batch.Clear();
        }
    }

    private void Reserve(int sentences)
    {
        while (true)
        {
            int queued = Volatile.Read(ref _queued);
            if (queued + sentences > _options.QueueCapacity)
            {
                throw new EmbeddingRejectedException(
                    RejectionKind.QueueFull,
                    $"The server's queue is full ({queued} of {_options.QueueCapacity} sentences waiting; this request has {sentences}). Retry after {_options.RetryAfterSeconds} s.");
            }

            if (Interlocked.CompareExchange(ref _queued, queued + sentences, queued) == queued)
            {
                return;
            }
        }
    }

    /// <summary>Takes sentences until the batch is full or its first sentence has waited the maximum wait.</summary>
    private async Task FillAsync(ChannelReader<PendingSentence> reader, List<PendingSentence> batch)
    {
        long maxWait = (long)(_options.MaxBatchWaitMilliseconds * Stopwatch.Frequency / 1000);
        long deadline = 0;
        while (batch.Count < _options.MaxBatchSize)
        {
            if (reader.TryRead(out PendingSentence? sentence))
            {
                if (batch.Count == 0)
                {
                    deadline = sentence.EnqueuedAt + maxWait;
                }

                batch.Add(sentence);
                continue;
            }

            long left = deadline - Stopwatch.GetTimestamp();
            if (batch.Count == 0 || left <= 0)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    return; // completed: shutdown; run what there is
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Run(List<PendingSentence> batch)
    {
        var live = new List<PendingSentence>(batch.Count);
        long now = Stopwatch.GetTimestamp();
        foreach (PendingSentence sentence in batch)
        {
            if (sentence.RequestAborted.IsCancellationRequested)
            {
                sentence.Result.TrySetCanceled(sentence.RequestAborted);
                continue;
            }

            _metrics.SentenceWaited(Stopwatch.GetElapsedTime(sentence.EnqueuedAt, now));
            live.Add(sentence);
        }

        if (live.Count < batch.Count)
        {
            Log.AbandonedSentences(_logger, batch.Count - live.Count);
        }

        if (live.Count == 0)
        {
            return;
        }

        var ids = new int[live.Count][];
        long tokens = 0;
        int sequence = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = live[i].Ids;
            tokens += ids[i].Length;
            sequence = Math.Max(sequence, ids[i].Length);
        }

        try
        {
            float[][] embeddings = _encoder.Embed(ids);
            _metrics.BatchRan(live.Count, tokens);
            Log.BatchRan(_logger, live.Count, sequence, Stopwatch.GetElapsedTime(now).TotalMilliseconds);
            for (int i = 0; i < live.Count; i++)
            {
                live[i].Result.TrySetResult(embeddings[i]);
            }
        }
        catch (Exception exception) when (exception is GpuOutOfMemoryException or KernelLoadException)
        {
            Log.DeviceFailed(_logger, live.Count, exception);
            var rejection = new EmbeddingRejectedException(
                RejectionKind.DeviceFailure,
                $"The device could not run this request's batch ({exception.GetType().Name}); the server keeps serving, retry.",
                exception);
            live.ForEach(sentence => sentence.Result.TrySetException(rejection));
        }
#pragma warning disable CA1031 // any other failure belongs to the batch's requests (a 500 each), never to the batch loop
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.BatchFailed(_logger, live.Count, exception);
            live.ForEach(sentence => sentence.Result.TrySetException(exception));
        }
    }

    private EmbeddingRejectedException ShuttingDown() =>
        new(RejectionKind.ShuttingDown, "The server is shutting down and takes no new requests.");
}
