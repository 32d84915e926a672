using System;

namespace KernelGen;

/// <summary>Thrown when a GPU was asked for but none can be used: no CUDA driver, no CUDA device, or an index past the last device.</summary>
public sealed class GpuUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that says what was looked for and what was found.</summary>
    public GpuUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public GpuUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
