using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace KernelGen.Runtime.Tests.Simd;

/// <summary>
/// Fixed layers, parameters and inputs whose output hashes must not depend on the instruction set.
/// Compiled into both the test assembly and the SIMD probe (a child process).
/// </summary>
public static class ProbeWorkload
{
    /// <summary>The probe's first line: the path, hardware FMA and AVX-VNNI a process runs with.</summary>
    public static string Header(SimdPath path, bool hardwareFma, bool avxVnni) => $"path={path} hardwareFma={hardwareFma} avxVnni={avxVnni}";

    /// <summary>Runs every workload on the default path and returns its output's SHA-256.</summary>
    public static IEnumerable<(string Name, string Hash)> Run()
    {
        yield return Hash("1024x64", new Projection1024x64(seed: 1), rows: 9);
        yield return Hash("61x3", new Small61x3NoBias(seed: 2), rows: 5);
        yield return Hash("1x1", new Tiny1x1(seed: 3), rows: 3);
        yield return Hash("3x1023", new Wide3x1023(seed: 4), rows: 6);
        yield return Hash("4097x61", new Long4097x61(seed: 5), rows: 4);
        yield return Hash("64x300", new Square64x300(seed: 6), rows: 70);

        // Linear layers with their activation fused: DetMath on each tile just stored, the lone-row tiles included.
        yield return Hash("Gelu7x100", new Fusion.Gelu7x100(seed: 8), rows: 13);
        yield return Hash("Silu3x17NoBias", new Fusion.Silu3x17NoBias(seed: 9), rows: 1);
        yield return Hash("Gelu768x3072", new Fusion.Gelu768x3072(seed: 10), rows: 1);

        // The exact tier (KG-Exact-1): int16 digit products on pmaddwd (Vector512; Vector256/128 without AVX-VNNI),
        // vpdpwssd (Vector256/128 with AVX-VNNI) or in int64 (Scalar).
        yield return Hash("Exact100x70", new Exact.Exact100x70(seed: 11), rows: 9);
        yield return Hash("Exact1027x33Gelu", new Exact.Exact1027x33Gelu(seed: 12), rows: 3);
        yield return Hash("Exact3x130", new Exact.Exact3x130(seed: 13), rows: 1);

        // Row layers: canonical reductions and DetMath (double arithmetic inside).
        yield return Hash("LayerNorm768", new RowLayers.Norm768(), rows: 7);
        yield return Hash("RmsNorm100", new RowLayers.Rms100(), rows: 40);
        yield return Hash("Gelu768", new RowLayers.Gelu768(), rows: 5);
        yield return Hash("GeluTanh33", new RowLayers.GeluTanh33(), rows: 50);
        yield return Hash("Silu64", new RowLayers.Silu64(), rows: 30);
        yield return Hash("Tanh100", new RowLayers.Tanh100(), rows: 20);
        yield return Hash("Sigmoid1", new RowLayers.Sigmoid1(), rows: 37); // 2 Vector512s and a tail of 5
        yield return Hash("Relu5", new RowLayers.Relu5(), rows: 13);
        yield return Hash("Softmax1000", new RowLayers.Softmax1000(), rows: 6);
        yield return Hash("LogSoftmax100", new RowLayers.LogSoftmax100(), rows: 9);
        yield return HashWithResidual("LayerNorm1000AfterNorm", new RowLayers.NormResidualAfter1000(), rows: 5);
        yield return HashWithResidual("RmsNorm33BeforeNorm", new RowLayers.RmsResidualBefore33(), rows: 40);
        var conv = new Conv.ConvStridedGrouped();
        conv.InitializeUniform(seed: 7);
        yield return Hash("Conv1dStridedGrouped", conv, rows: 11);
        yield return AttentionHash();
    }

    private static (string, string) AttentionHash()
    {
        var layer = new Attention.EncoderAttention();
        int n = 2 * 45 * layer.Width;
        float[] q = new float[n], k = new float[n], v = new float[n], output = new float[n];
        new PhiloxRandom(seed: 97, stream: 0).Fill(q, -2f, 2f);
        new PhiloxRandom(seed: 97, stream: 1).Fill(k, -2f, 2f);
        new PhiloxRandom(seed: 97, stream: 2).Fill(v, -1f, 1f);
        layer.Forward(q, k, v, output, 2, 45, causal: true, [45, 30]);
        return ("Attention4x64", Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(output.AsSpan()))));
    }

    private static (string, string) Hash(string name, RowLayer layer, int rows)
    {
        var input = new float[rows * layer.InFeatures];
        new PhiloxRandom(seed: 98, stream: (ulong)layer.InFeatures).Fill(input, -6f, 6f);
        float[] output = layer.Forward(input);
        return (name, Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(output.AsSpan()))));
    }

    private static (string, string) HashWithResidual(string name, NormLayer layer, int rows)
    {
        var input = new float[rows * layer.Features];
        var residual = new float[input.Length];
        new PhiloxRandom(seed: 98, stream: (ulong)layer.Features).Fill(input, -6f, 6f);
        new PhiloxRandom(seed: 97, stream: (ulong)layer.Features).Fill(residual, -6f, 6f);
        float[] output = new float[input.Length];
        layer.Forward(input, residual, output);
        return (name, Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(output.AsSpan()))));
    }

    private static (string, string) Hash(string name, LinearLayer layer, int rows)
    {
        var input = new float[rows * layer.InFeatures];
        new PhiloxRandom(seed: 99, stream: (ulong)layer.InFeatures).Fill(input, -3f, 3f);
        float[] output = layer.Forward(input);
        return (name, Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(output.AsSpan()))));
    }
}
