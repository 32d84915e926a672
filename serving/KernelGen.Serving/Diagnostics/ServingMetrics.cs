using System;
using System.Diagnostics.Metrics;

namespace KernelGen.Serving.Diagnostics;

/// <summary>
/// The server's instruments, on the meter <c>KernelGen.Serving</c>
/// (<c>dotnet-counters monitor -n KernelGen.Serving --counters KernelGen.Serving</c>).
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "KernelGen.Serving";

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _rejected;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/>.</summary>
    public ServingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _batchSize = Meter.CreateHistogram<int>("kernelgen.serving.batch.size", "{sentence}", "Sentences in one forward pass.");
        _queueWait = Meter.CreateHistogram<double>("kernelgen.serving.queue.wait", "s", "Time a sentence waited in the queue before its batch ran.");
        _requestDuration = Meter.CreateHistogram<double>("kernelgen.serving.request.duration", "s", "Time from a request's arrival to its embeddings.");
        _tokens = Meter.CreateCounter<long>("kernelgen.serving.tokens", "{token}", "Tokens embedded ([CLS] and [SEP] included); its rate is tokens/s.");
        _rejected = Meter.CreateCounter<long>("kernelgen.serving.rejected", "{request}", "Requests answered with an error, by reason.");
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Records a batch that ran: its size and the tokens it embedded.</summary>
    public void BatchRan(int sentences, long tokens)
    {
        _batchSize.Record(sentences);
        _tokens.Add(tokens);
    }

    /// <summary>Records how long one sentence waited for its batch.</summary>
    public void SentenceWaited(TimeSpan wait) => _queueWait.Record(wait.TotalSeconds);

    /// <summary>Records a request answered with its embeddings.</summary>
    public void RequestCompleted(TimeSpan duration) => _requestDuration.Record(duration.TotalSeconds);

    /// <summary>Records a request answered with an error; <paramref name="reason"/> is the error's code.</summary>
    public void RequestRejected(string reason) => _rejected.Add(1, new System.Collections.Generic.KeyValuePair<string, object?>("reason", reason));
}
