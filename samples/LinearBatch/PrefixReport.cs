using System;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using KernelGen;

namespace LinearBatch;

/// <summary>Compares f(x)[:n] with f(x[:n]) for n = 1..batch on one device, PyTorch-style.</summary>
internal sealed class PrefixReport
{
    private readonly string _device;
    private readonly Func<Tensor, Tensor> _forward;

    public PrefixReport(string device, Func<Tensor, Tensor> forward)
    {
        _device = device;
        _forward = forward;
    }

    public Tensor Full { get; private set; } = new(0);

    public int Identical { get; private set; }

    public int Batch { get; private set; }

    public void Run(Tensor x)
    {
        Batch = x.Shape[0];
        Full = _forward(x);
        Identical = 0;
        Console.WriteLine($"  {_device}:");
        Console.WriteLine("     n  torch.equal(f(x)[:n], f(x[:n]))  max |diff|");
        for (int n = 1; n <= Batch; n++)
        {
            Tensor prefix = _forward(x.SliceRows(0, n));
            ReadOnlySpan<float> expected = Full.SliceRows(0, n).Span;
            bool equal = BitsEqual(expected, prefix.Span);
            Identical += equal ? 1 : 0;
            Console.WriteLine($"    {n,2}  {equal,-31}  {MaxAbsDiff(expected, prefix.Span):E1}");
        }
    }

    public string Verdict => $"{Identical}/{Batch} prefixes bit-identical on {_device}";

    public static string Sha256(Tensor tensor) =>
        Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(tensor.Span))).ToLowerInvariant();

    public static bool BitsEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    private static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }
}
