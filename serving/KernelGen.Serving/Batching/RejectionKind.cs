namespace KernelGen.Serving.Batching;

/// <summary>Why the server did not embed a request; each maps to one HTTP answer (docs/robustness.md).</summary>
public enum RejectionKind
{
    /// <summary>The queue has no room for the request's sentences: 429 with <c>Retry-After</c>.</summary>
    QueueFull,

    /// <summary>An input is longer than the token limit and the policy is to refuse: 400.</summary>
    TooManyTokens,

    /// <summary>The device failed the batch (GPU out of memory, a kernel that did not load): 503; the server keeps serving.</summary>
    DeviceFailure,

    /// <summary>The server is shutting down and takes no new work: 503.</summary>
    ShuttingDown,
}
