using System;
using System.IO;

namespace KernelGen;

/// <summary>
/// An ONNX file is corrupt, truncated, hostile or not an ONNX model: a protobuf tag, varint, length or
/// count breaks the wire format, or an initializer's data type, dimensions or data do not agree. The
/// message says what is wrong, in which message (<c>graph.initializer[3] 'name'</c>) and at which byte.
/// Nothing is allocated from a length or count before it has been checked against the bytes that hold it.
/// </summary>
public sealed class OnnxFormatException : IOException
{
    /// <summary>Creates the exception with a message.</summary>
    public OnnxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    public OnnxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
