using System;

namespace KernelGen.Serving.Batching;

/// <summary>The server could not embed a request, for a reason a client can act on.</summary>
public sealed class EmbeddingRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why.</param>
    /// <param name="message">The message the client reads.</param>
    /// <param name="innerException">The device's own error, for <see cref="RejectionKind.DeviceFailure"/>.</param>
    public EmbeddingRejectedException(RejectionKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the request was not embedded.</summary>
    public RejectionKind Kind { get; }

    /// <summary>The index of the input at fault, where one is (<see cref="RejectionKind.TooManyTokens"/>).</summary>
    public int? InputIndex { get; init; }
}
