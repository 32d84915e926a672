using System.Threading;
using System.Threading.Tasks;

namespace KernelGen.Serving.Batching;

/// <summary>One sentence waiting in the queue: its ids, when it arrived, and where its embedding goes.</summary>
internal sealed class PendingSentence(int[] ids, long enqueuedAt, CancellationToken requestAborted)
{
    public int[] Ids { get; } = ids;

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> at enqueue.</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    /// <summary>Cancelled when its client went away: the sentence is left out of a batch not yet formed, nothing more.</summary>
    public CancellationToken RequestAborted { get; } = requestAborted;

    public TaskCompletionSource<float[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
