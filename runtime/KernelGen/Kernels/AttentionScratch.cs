using System;

namespace KernelGen;

/// <summary>
/// Each thread's scratch for the CPU attention kernel (packed keys and values, scores, accumulators): one
/// cache-aligned buffer per thread that only grows, so that steady-state calls allocate nothing and no two
/// threads share a line. A thread runs one attention block at a time, so it never needs two.
/// </summary>
internal static class AttentionScratch
{
    [ThreadStatic]
    private static CacheAlignedBuffer? t_buffer;

    /// <summary>This thread's scratch: <paramref name="length"/> floats starting on a cache line, holding whatever the thread left there.</summary>
    public static Span<float> ForCurrentThread(int length)
    {
        CacheAlignedBuffer? buffer = t_buffer;
        if (buffer is null || buffer.Length < length)
        {
            // At least double, so that a run of growing sequences reallocates only a few times.
            t_buffer = buffer = new CacheAlignedBuffer(Math.Max(length, 2 * (buffer?.Length ?? 0)));
        }

        return buffer.Span[..length];
    }
}
