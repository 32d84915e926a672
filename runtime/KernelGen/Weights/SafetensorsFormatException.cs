using System;
using System.IO;

namespace KernelGen;

/// <summary>
/// A safetensors file is corrupt, truncated or hostile: its header length, JSON, a tensor's dtype,
/// shape or data offsets, or the layout of the data buffer break the format. The message names the
/// tensor (when one is at fault) and the problem. Nothing is read from the data buffer before the
/// whole header has been checked.
/// </summary>
public sealed class SafetensorsFormatException : IOException
{
    /// <summary>Creates the exception with a message.</summary>
    public SafetensorsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    public SafetensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem with one tensor.</summary>
    public SafetensorsFormatException(string message, string? tensorName, Exception? innerException = null)
        : base(message, innerException)
    {
        TensorName = tensorName;
    }

    /// <summary>The tensor at fault, or <see langword="null"/> when the problem is not one tensor's.</summary>
    public string? TensorName { get; }
}
