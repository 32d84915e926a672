using System;

namespace KernelGen;

/// <summary>
/// Thrown when a device buffer cannot be allocated because the device is out of memory. Nothing was
/// allocated; the device stays usable (free buffers or use smaller batches, then try again).
/// </summary>
public sealed class GpuOutOfMemoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was being allocated, how many bytes, and on which device.</param>
    /// <param name="innerException">The accelerator's own error.</param>
    public GpuOutOfMemoryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The bytes that were requested.</summary>
    public long RequestedBytes { get; init; }
}
