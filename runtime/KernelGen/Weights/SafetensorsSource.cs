using System;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace KernelGen;

/// <summary>The bytes of a safetensors file: memory or a read-only memory-mapped file.</summary>
internal abstract class SafetensorsSource : IDisposable
{
    /// <summary>The total length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Copies <c>destination.Length</c> bytes from <paramref name="offset"/>; the caller has checked the range.</summary>
    public abstract void Read(long offset, Span<byte> destination);

    public abstract void Dispose();
}

/// <summary>Bytes in memory, not copied.</summary>
internal sealed class MemorySafetensorsSource(ReadOnlyMemory<byte> bytes) : SafetensorsSource
{
    public override long Length => bytes.Length;

    public override void Read(long offset, Span<byte> destination) =>
        bytes.Span.Slice(checked((int)offset), destination.Length).CopyTo(destination);

    public override void Dispose()
    {
    }
}

/// <summary>
/// A file mapped read-only. Each read holds a reference on the view, so that a concurrent
/// <see cref="Dispose"/> cannot unmap it mid-copy (the read then fails with ObjectDisposedException).
/// </summary>
internal sealed unsafe class MappedSafetensorsSource : SafetensorsSource
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    private MappedSafetensorsSource(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        _file = file;
        _view = view;
        Length = length;
    }

    public override long Length { get; }

    /// <summary>Maps <paramref name="path"/>, or returns an in-memory source for an empty file (which cannot be mapped).</summary>
    public static SafetensorsSource Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        MemoryMappedFile? file = null;
        try
        {
            long length = stream.Length;
            if (length == 0)
            {
                stream.Dispose();
                return new MemorySafetensorsSource(ReadOnlyMemory<byte>.Empty);
            }

            // The mapping owns the stream from here (leaveOpen: false).
            file = MemoryMappedFile.CreateFromFile(stream, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            return new MappedSafetensorsSource(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), length);
        }
        catch
        {
            if (file is null)
            {
                stream.Dispose();
            }
            else
            {
                file.Dispose();
            }

            throw;
        }
    }

    public override void Read(long offset, Span<byte> destination)
    {
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            new ReadOnlySpan<byte>(pointer + _view.PointerOffset + offset, destination.Length).CopyTo(destination);
        }
        finally
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    public override void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }
}
