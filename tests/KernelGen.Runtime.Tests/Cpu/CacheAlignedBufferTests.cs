using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xunit;

namespace KernelGen.Runtime.Tests.Cpu;

/// <summary><see cref="CacheAlignedBuffer"/>: zeroed floats whose first element starts a 64-byte line, whatever the allocation.</summary>
public sealed class CacheAlignedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(4097)]
    public unsafe void Span_starts_on_a_cache_line_with_the_requested_zeroed_length(int length)
    {
        for (int repeat = 0; repeat < 32; repeat++)
        {
            var buffer = new CacheAlignedBuffer(length);
            _ = new byte[repeat * 4]; // shifts the next allocation

            Span<float> span = buffer.Span;
            Assert.Equal(length, span.Length);
            Assert.Equal(length, buffer.Length);
            if (length > 0)
            {
                nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
                Assert.Equal(0u, (uint)(address % CacheAlignedBuffer.Alignment));
            }

            Assert.True(span.IndexOfAnyExcept(0f) < 0);
        }
    }

    [Fact]
    public void Negative_length_is_rejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CacheAlignedBuffer(-1));
        Assert.Equal("length", exception.ParamName);
    }
}
