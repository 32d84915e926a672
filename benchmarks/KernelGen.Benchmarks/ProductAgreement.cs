using System;

namespace KernelGen.Benchmarks;

/// <summary>The check every benchmark setup makes before it times anything: both sides computed the same product.</summary>
internal static class ProductAgreement
{
    /// <summary>
    /// Throws unless <paramref name="ours"/> and <paramref name="peer"/> agree to 1e-3 everywhere: different
    /// summation orders differ in the last bits; a wrong model or layout differs by far more.
    /// </summary>
    public static void Check(ReadOnlySpan<float> ours, ReadOnlySpan<float> peer, string shape)
    {
        float largest = 0f;
        for (int i = 0; i < peer.Length; i++)
        {
            largest = MathF.Max(largest, MathF.Abs(peer[i] - ours[i]));
        }

        if (largest > 1e-3f)
        {
            throw new InvalidOperationException($"KernelGen and ONNX Runtime differ by up to {largest} on {shape}: the benchmark is not comparing the same product.");
        }
    }
}
